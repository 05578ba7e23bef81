using System.Globalization;
using System.Text.RegularExpressions;
using Jint;
using Jint.Native;

namespace Pipes.Tests.TestKit;

/// <summary>
/// A JavaScript UDTF taken from compiled Snowflake SQL (<c>CREATE ... FUNCTION name(ARGS) RETURNS TABLE (COLS)
/// LANGUAGE JAVASCRIPT AS $$ body $$</c>) and driven under Jint the way Snowflake documents it (Tabular JavaScript
/// UDFs): the body is one object literal; per partition <c>initialize</c>, then <c>processRow(row, rowWriter,
/// context)</c> once per input row in the OVER clause's order, then <c>finalize(rowWriter, context)</c>. The row
/// object carries each argument under its name in upper case; a written row's missing columns are NULL. The same
/// handler object serves every partition, so state must be reset by <c>initialize</c>, as on Snowflake.
/// </summary>
public sealed partial class SnowflakeJavaScriptUdtf
{
    private readonly string _body;

    private SnowflakeJavaScriptUdtf(string name, IReadOnlyList<string> arguments, IReadOnlyList<string> columns, string body)
    {
        Name = name;
        Arguments = arguments;
        Columns = columns;
        _body = body;
    }

    /// <summary>The function's name as written in the SQL (quoted parts included).</summary>
    public string Name { get; }

    /// <summary>Argument names, upper case (how the handler sees them).</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>Output columns, upper case.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The JavaScript UDTF whose name ends with <paramref name="nameSuffix"/> in <paramref name="sql"/>.</summary>
    public static SnowflakeJavaScriptUdtf FromSql(string sql, string nameSuffix)
    {
        foreach (Match m in CreateFunction().Matches(sql))
        {
            var name = m.Groups["name"].Value;
            if (!name.TrimEnd('"').EndsWith(nameSuffix, StringComparison.OrdinalIgnoreCase)) continue;
            return new SnowflakeJavaScriptUdtf(name, Names(m.Groups["args"].Value), Names(m.Groups["cols"].Value), m.Groups["body"].Value);
        }

        throw new InvalidOperationException($"no JavaScript table function named *{nameSuffix} in the SQL");
    }

    /// <summary>
    /// Runs the handler on each partition (argument values in <see cref="Arguments"/> order: string, double or null)
    /// and returns the written rows, each tagged with its partition's index. SQL NULL arrives as undefined.
    /// </summary>
    public List<(int Partition, Dictionary<string, object?> Row)> Run(IEnumerable<IEnumerable<object?[]>> partitions)
    {
        var engine = new Engine(options => options.Strict(false));
        var handler = engine.Evaluate("(" + _body + ")").AsObject();
        var output = new List<(int, Dictionary<string, object?>)>();
        var partitionIndex = 0;
        var writer = new JsObject(engine);
        writer.Set("writeRow", JsValue.FromObject(engine, new Action<JsValue>(row => output.Add((partitionIndex, ReadRow(row))))));
        var context = new JsObject(engine);

        foreach (var partition in partitions)
        {
            Call(engine, handler, "initialize", new JsObject(engine), context);
            foreach (var values in partition)
            {
                if (values.Length != Arguments.Count)
                    throw new ArgumentException($"{values.Length} values for {Arguments.Count} arguments");
                var row = new JsObject(engine);
                for (var i = 0; i < values.Length; i++)
                    row.Set(Arguments[i], values[i] is null ? JsValue.Undefined : JsValue.FromObject(engine, values[i]));
                Call(engine, handler, "processRow", row, writer, context);
            }

            Call(engine, handler, "finalize", writer, context);
            partitionIndex++;
        }

        return output;
    }

    private static void Call(Engine engine, JsValue handler, string callback, params JsValue[] args)
    {
        var function = handler.Get(callback);
        if (function.IsUndefined()) return; // only processRow is required
        engine.Invoke(function, handler, args);
    }

    private Dictionary<string, object?> ReadRow(JsValue row)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var column in Columns)
        {
            var value = row.Get(column);
            values[column] = value.IsNull() || value.IsUndefined() ? null : value.IsNumber() ? value.AsNumber() : value.ToString();
        }

        return values;
    }

    private static List<string> Names(string declarations) =>
        declarations.Split(',').Select(d => d.Trim().Split(' ')[0].ToUpperInvariant()).ToList();

    [GeneratedRegex(@"CREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION\s+(?<name>\S+?)\((?<args>[^)]*)\)\s*RETURNS\s+TABLE\s*\((?<cols>[^)]*)\)\s*LANGUAGE\s+JAVASCRIPT\s+AS\s+\$\$(?<body>.*?)\$\$", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex CreateFunction();

    /// <summary>The value of a number column as the BIGINT the script casts it to.</summary>
    public static long? Long(object? value) => value is null ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
}
