using System.Globalization;
using Pipes.Core.Diagnostics;
using Pipes.Core.Plan;
using Scriban.Runtime;
using Pipes.Core.DataTests;

namespace Pipes.Core.Compile;

/// <summary>Data tests: each compiles to one query whose rows are the failures.</summary>
public sealed partial class Compiler
{
    private Dictionary<string, TestDefinition>? _tests;

    private CompiledNode? CompileTest(Node node, DiagnosticBag bag)
    {
        _tests ??= TestCatalog.For(_project).ToDictionary(t => t.Name, StringComparer.Ordinal);
        var test = _tests[node.Name];
        var globals = Globals(node.Name);
        string template;
        if (test.Builtin is { } builtin)
        {
            IdentitySqlModel.Fill(globals, _project, _project.Identity!, _relations);
            var settings = _project.IdentityTests;
            globals.SetValue("max_size", builtin.EndsWith("_warn", StringComparison.Ordinal) ? settings.MaxProfileSizeWarn : settings.MaxProfileSizeError, true);
            globals.SetValue("min_share", settings.MinResolvedShare.ToString(CultureInfo.InvariantCulture), true);
            template = builtin.StartsWith("identity_profile_size", StringComparison.Ordinal) ? "identity_profile_size" : builtin;
        }
        else
        {
            var spec = test.Spec!;
            globals.SetValue("relation", TestedRelation(spec.Owner), true);
            globals.SetValue("column", spec.Column is null ? null : _project.Dialect.Quote(spec.Column.Value), true);
            globals.SetValue("values", new ScriptArray(spec.Values.Select(v => v.Value)), true);
            globals.SetValue("to", spec.To is null ? null : FromRelation(spec.To.Value), true);
            globals.SetValue("field", spec.Field is null ? null : _project.Dialect.Quote(spec.Field.Value), true);
            globals.SetValue("sql", spec.Sql?.Value, true);
            template = spec.Kind.Value;
        }
        var compiled = Finish(node, node.Name, "test", $"tests/{template}.sql.scriban", globals, bag);
        return compiled is null ? null : compiled with { TestSeverity = test.Severity };
    }

    private string TestedRelation(DataTests.DataTestOwner owner) =>
        owner.Kind == "source" ? _relations.Source(owner.Name, owner.Table!) : _relations.Model(owner.Name);
}
