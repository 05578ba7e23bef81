using Pipes.Core.Diagnostics;
using YamlDotNet.RepresentationModel;
using Pipes.Core.Yaml;

namespace Pipes.Core.DataTests;

/// <summary>Reads <c>tests:</c> lists: a bare name (<c>unique</c>) or a one-key mapping (<c>accepted_values: {values: [...]}</c>).</summary>
public static class DataTestReader
{
    public static readonly IReadOnlyList<string> Kinds = new[] { "unique", "not_null", "accepted_values", "relationships", "expression" };
    public static readonly IReadOnlyList<string> Severities = new[] { "error", "warn" };

    public static IReadOnlyList<DataTestSpec> Read(MappingReader entry, DataTestOwner owner, Located<string>? column)
    {
        var node = entry.Node("tests");
        if (node is null) return Array.Empty<DataTestSpec>();
        if (node is not YamlSequenceNode list)
        {
            entry.Bag.Error(DiagnosticCodes.WrongType, YamlFile.Span(entry.File, node), "'tests' must be a list");
            return Array.Empty<DataTestSpec>();
        }
        var tests = new List<DataTestSpec>();
        foreach (var item in list.Children)
        {
            var test = item switch
            {
                YamlScalarNode s => Create(entry, owner, column, new Located<string>(s.Value ?? "", YamlFile.Span(entry.File, s)), null),
                YamlMappingNode { Children.Count: 1 } m => Create(entry, owner, column,
                    new Located<string>(((YamlScalarNode)m.Children[0].Key).Value ?? "", YamlFile.Span(entry.File, m.Children[0].Key)),
                    MappingReader.From(entry.File, m.Children[0].Value, entry.Bag, $"test '{((YamlScalarNode)m.Children[0].Key).Value}'")),
                _ => Invalid(entry, item),
            };
            if (test is not null) tests.Add(test);
        }
        return tests;
    }

    private static DataTestSpec? Create(MappingReader entry, DataTestOwner owner, Located<string>? column, Located<string> kind, MappingReader? args)
    {
        if (!Kinds.Contains(kind.Value))
        {
            entry.Bag.Error(DiagnosticCodes.InvalidValue, kind.Span, $"unknown test '{kind.Value}'", DidYouMean.Hint(kind.Value, Kinds) ?? "expected one of " + string.Join(", ", Kinds));
            return null;
        }
        var values = args?.StringList("values") ?? Array.Empty<Located<string>>();
        var to = args?.String("to");
        var field = args?.String("field");
        var sql = args?.String("sql");
        var severity = args?.String("severity") ?? new Located<string>("error", kind.Span);
        args?.Finish();
        if (!Severities.Contains(severity.Value))
            entry.Bag.Error(DiagnosticCodes.InvalidValue, severity.Span, $"unknown severity '{severity.Value}'", "expected error or warn");
        var missing = kind.Value switch
        {
            "accepted_values" when values.Count == 0 => "values",
            "relationships" when to is null => "to",
            "relationships" when field is null => "field",
            "expression" when sql is null => "sql",
            "unique" or "not_null" or "accepted_values" or "relationships" when column is null => "a column (declare it under columns:)",
            _ => null,
        };
        if (missing is not null)
        {
            entry.Bag.Error(DiagnosticCodes.MissingKey, kind.Span, $"test '{kind.Value}' needs {missing}");
            return null;
        }
        return new DataTestSpec(owner, column, kind, values, to, field, sql, severity, kind.Span);
    }

    private static DataTestSpec? Invalid(MappingReader entry, YamlNode item)
    {
        entry.Bag.Error(DiagnosticCodes.WrongType, YamlFile.Span(entry.File, item), "a test is a name (unique) or a mapping with one key (accepted_values: {values: [...]})");
        return null;
    }
}
