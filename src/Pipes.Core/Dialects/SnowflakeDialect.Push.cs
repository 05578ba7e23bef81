namespace Pipes.Core.Dialects;

public sealed partial class SnowflakeDialect
{
    public override string JsonKeyUnion(string arrayText, string objectText) =>
        $"TO_JSON(ARRAY_SORT(ARRAY_DISTINCT(ARRAY_CAT(COALESCE({CoerceArray(arrayText)}, ARRAY_CONSTRUCT()), " +
        $"COALESCE(OBJECT_KEYS({CoerceObject(objectText)}), ARRAY_CONSTRUCT())))))";
}
