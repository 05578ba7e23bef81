using System.Globalization;
using Pipes.Core.Compile;
using Pipes.Core.Diagnostics;
using Pipes.Core.Load;
using Pipes.Core.Targets;
using Pipes.Core.Templating;

namespace Pipes.Core.Tasks;

/// <summary>
/// Whether the relations a command reads exist on the target yet, so <c>explain</c>, <c>push</c> and <c>show</c> run
/// before a build say what to run first instead of passing on the engine's catalog error.
/// </summary>
public static class BuiltRelations
{
    /// <summary>The names (unquoted, in the output's schema) that do not exist as a table or view; case rules absorbed by the template.</summary>
    public static async Task<IReadOnlyList<string>> MissingAsync(Project project, TemplateCatalog catalog, ITarget target, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var templates = new StatementTemplates(catalog, project.Dialect);
        var missing = new List<string>();
        foreach (var name in names)
        {
            var sql = templates.RenderSingle("push/relation_exists.sql.scriban", new Dictionary<string, object?> { ["name"] = name, ["schema"] = project.Output.Schema });
            var result = await target.ExecuteAsync(sql, StatementContext.Adhoc(project.Name), cancellationToken);
            if (Convert.ToInt64(result.Rows[0][0], CultureInfo.InvariantCulture) == 0) missing.Add(name);
        }
        return missing;
    }

    /// <summary>PIPES1010: what is missing, and the command that builds it on the same target.</summary>
    public static Diagnostic NotBuilt(Project project, CommandOptions options, string reader, IReadOnlyList<string> missing, string build = "build")
    {
        var target = options.Target is null ? "" : $" --target {options.Target}";
        var what = missing.Count == 1 ? $"{missing[0]} does not exist" : $"{string.Join(", ", missing)} do not exist";
        return new Diagnostic(Severity.Error, DiagnosticCodes.NotBuiltYet,
            $"{reader} reads what a build leaves on target {project.Output.Name}, and {what} there yet", SourceSpan.None,
            $"run `pipes {build}{target}` first");
    }
}
