namespace Pipes.Core.Dialects;

public sealed partial class DuckDbDialect
{
    public override string JsonKeyUnion(string arrayText, string objectText) =>
        $"CAST(to_json(list_sort(list_distinct(list_concat(COALESCE(TRY_CAST({CoerceArray(arrayText)} AS VARCHAR[]), CAST([] AS VARCHAR[])), " +
        $"COALESCE(json_keys({CoerceObject(objectText)}), CAST([] AS VARCHAR[])))))) AS VARCHAR)";
}
