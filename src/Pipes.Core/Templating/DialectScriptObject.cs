using Pipes.Core.Dialects;
using Scriban.Runtime;

namespace Pipes.Core.Templating;

/// <summary>The <c>dialect</c> object templates call: <c>{{ dialect.safe_cast "col" "number" }}</c>.</summary>
public static class DialectScriptObject
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Dialect, ScriptObject> Cache = new();

    /// <summary>One object per dialect, shared: it only holds functions and constants.</summary>
    public static ScriptObject For(Dialect dialect) => Cache.GetOrAdd(dialect, Create);

    private static ScriptObject Create(Dialect dialect)
    {
        var o = new ScriptObject();
        o.SetValue("name", dialect.Name, true);
        o.Import("quote", new Func<string, string>(dialect.Quote));
        o.Import("normalize", new Func<string, string>(dialect.NormalizeIdentifier));
        o.Import("type_name", new Func<string, string>(dialect.TypeName));
        o.Import("string_literal", new Func<string, string>(dialect.StringLiteral));
        o.Import("cast_text", new Func<string, string, string>(dialect.CastText));
        o.Import("safe_cast", new Func<string, string, string>(dialect.SafeCast));
        o.Import("seed_cast", new Func<string, string, string>(dialect.SeedCast));
        o.Import("try_seed_cast", new Func<string, string, string>(dialect.TrySeedCast));
        o.Import("to_text", new Func<string, string>(dialect.ToText));
        o.Import("json_path_text", new Func<string, string, string>(dialect.JsonPathText));
        o.Import("flatten", new Func<string, string, string>(dialect.Flatten));
        o.Import("flattened_text", new Func<string, string>(dialect.FlattenedText));
        o.Import("each_array", new Func<string, string>(dialect.EachArray));
        o.Import("each_not_array", new Func<string, string>(dialect.EachNotArray));
        o.Import("sha256_hex", new Func<string, string>(dialect.Sha256Hex));
        o.Import("integer_hash", new Func<string, string>(dialect.IntegerHash));
        o.Import("set_digest", new Func<string, string>(dialect.SetDigest));
        o.Import("wrap_script", new Func<string, string>(dialect.WrapScript));
        o.Import("create_table_options", new Func<bool, string>(dialect.CreateTableOptions));
        o.Import("enable_change_tracking", new Func<string, string>(dialect.EnableChangeTracking));
        o.Import("retention_option", new Func<int, string>(dialect.RetentionOption));
        o.Import("set_retention", new Func<string, int, string>(dialect.SetRetention));
        o.Import("comparable", new Func<string, string, string>(dialect.Comparable));
        o.Import("regex_full_match", new Func<string, string, bool, string>(dialect.RegexFullMatch));
        o.Import("regex_replace_all", new Func<string, string, string, string>(dialect.RegexReplaceAll));
        o.Import("regex_extract", new Func<string, string, int, string>(dialect.RegexExtract));
        o.Import("lowercase", new Func<string, string>(dialect.Lowercase));
        o.Import("uppercase", new Func<string, string>(dialect.Uppercase));
        o.Import("remove_whitespace", new Func<string, string>(dialect.RemoveWhitespace));
        o.Import("coerce_number", new Func<string, string>(dialect.CoerceNumber));
        o.Import("coerce_integer", new Func<string, string>(dialect.CoerceInteger));
        o.Import("coerce_boolean", new Func<string, string>(dialect.CoerceBoolean));
        o.Import("coerce_datetime", new Func<string, string>(dialect.CoerceDatetime));
        o.Import("coerce_column_datetime", new Func<string, string>(dialect.CoerceColumnDatetime));
        o.Import("min_by", new Func<string, string, string>(dialect.MinBy));
        o.Import("coerce_array", new Func<string, string>(dialect.CoerceArray));
        o.Import("coerce_object", new Func<string, string>(dialect.CoerceObject));
        o.Import("coercion_convert", new Func<string, string, string>(dialect.CoercionConvert));
        o.Import("coercion_reason", new Func<string, string, string, string>(dialect.CoercionReason));
        o.Import("to_json_value", new Func<string, string, string>(dialect.ToJsonValue));
        o.Import("json_object_agg", new Func<string, string, string>(dialect.JsonObjectAgg));
        o.Import("json_text", new Func<string, string>(dialect.JsonText));
        o.Import("json_deeper_than", new Func<string, int, string>(dialect.JsonDeeperThan));
        o.Import("iso_timestamp_text", new Func<string, string>(dialect.IsoTimestampText));
        o.Import("array_agg_where", new Func<string, string, string, string>(dialect.ArrayAggWhere));
        o.Import("rename_table", new Func<string, string, string, string>(dialect.RenameTable));
        o.Import("json_key_union", new Func<string, string, string>(dialect.JsonKeyUnion));
        o.SetValue("unordered_row_number", dialect.UnorderedRowNumber, true);
        o.SetValue("materialized_cte", dialect.MaterializedCte, true);
        o.SetValue("scratch_table", dialect.ScratchTable, true);
        o.SetValue("work_table", dialect.WorkTable, true);
        o.SetValue("empty_array", dialect.EmptyArray, true);
        o.SetValue("supports_scripting", dialect.SupportsScripting, true);
        o.SetValue("merge_update_all", dialect.MergeUpdateAll, true);
        o.SetValue("merge_insert_all", dialect.MergeInsertAll, true);
        o.SetValue("unordered_writes_begin", dialect.UnorderedWritesBegin, true);
        o.SetValue("unordered_writes_end", dialect.UnorderedWritesEnd, true);
        return o;
    }
}
