using Pipes.Core.Compile;
using Pipes.Core.Load;
using Pipes.Core.Targets;
using Pipes.Core.Templating;
using Pipes.Core.Properties;

namespace Pipes.Core.Tasks;

/// <summary>
/// <c>pipes parity --target A --with B [--build]</c>: the identity and property tables of two targets of the same
/// project (Snowflake and DuckDB, typically), compared row for row after normalising (<see cref="ParityComparison"/>).
/// Prints per table the row counts and, when they differ, how many rows each side holds alone and the first few;
/// exit 1 on any difference. With --build, seeds and runs the project on both targets first (no tests, no push).
/// </summary>
public static class ParityTask
{
    public static async Task<int> ExecuteAsync(CommandOptions options, string with, bool build, TaskOutput output, CancellationToken cancellationToken)
    {
        var (left, leftBag) = ProjectLoader.Load(options.ProjectDirectory, options.ToLoadOptions());
        output.Diagnostics(leftBag);
        if (left is null || leftBag.HasErrors) return ExitCodes.Failure;
        var rightOptions = options with { Target = with };
        var (right, rightBag) = ProjectLoader.Load(options.ProjectDirectory, rightOptions.ToLoadOptions());
        output.Diagnostics(rightBag);
        if (right is null || rightBag.HasErrors) return ExitCodes.Failure;
        if (left.Output.Name == right.Output.Name)
            return Fail(output, $"{Diagnostics.DiagnosticCodes.ParitySameTarget}: --with names the target being compared ({left.Output.Name}); name another output of the profile");

        if (build)
        {
            foreach (var (name, side) in new[] { (left.Output.Name, options), (right.Output.Name, rightOptions) })
            {
                output.Info($"parity: building on {name}", ("event", "parity_build"), ("target", name));
                // seed, then run: everything the tables come from, but no push (a parity check never sends to Amplitude).
                if (await RunTask.ExecuteAsync("seed", side with { Target = name }, output, cancellationToken) != ExitCodes.Success
                    || await RunTask.ExecuteAsync("run", side with { Target = name }, output, cancellationToken) != ExitCodes.Success)
                    return Fail(output, $"{Diagnostics.DiagnosticCodes.ParityBuildFailed}: the build on {name} failed, so its tables cannot be compared; fix it and run parity again");
            }
        }

        output.Info($"parity: {left.Output.Name} ({left.Dialect.Name}) vs {right.Output.Name} ({right.Dialect.Name})",
            ("event", "parity_started"), ("left", left.Output.Name), ("right", right.Output.Name));
        await using var leftTarget = TargetFactory.Open(left);
        await using var rightTarget = TargetFactory.Open(right);
        var differences = 0;
        var tables = Tables(left);
        foreach (var table in tables)
        {
            var leftTable = await ReadAsync(leftTarget, left, table, cancellationToken);
            var rightTable = await ReadAsync(rightTarget, right, table, cancellationToken);
            if (leftTable.Error is not null || rightTable.Error is not null)
            {
                differences++;
                foreach (var (name, error) in new[] { (left.Output.Name, leftTable.Error), (right.Output.Name, rightTable.Error) }.Where(e => e.Item2 is not null))
                    output.Error($"{Diagnostics.DiagnosticCodes.ParityTableUnreadable}: {table} cannot be read on {name}: {error}", ("event", "parity_table"), ("table", table), ("target", name));
                continue;
            }
            var comparison = ParityComparison.Compare(table, leftTable.Columns, leftTable.Rows, rightTable.Columns, rightTable.Rows);
            if (!comparison.Same) differences++;
            Print(comparison, left.Output.Name, right.Output.Name, output);
        }

        if (differences == 0)
        {
            output.Info($"parity: all {tables.Count} tables equal row for row", ("event", "parity_finished"), ("differences", 0));
            return ExitCodes.Success;
        }
        output.Error($"{Diagnostics.DiagnosticCodes.ParityDifference}: {differences} of {tables.Count} tables differ between {left.Output.Name} and {right.Output.Name}",
            ("event", "parity_finished"), ("differences", differences));
        return ExitCodes.Failure;
    }

    /// <summary>Identity's graph, profiles and refused edges, then each property model's table.</summary>
    public static IReadOnlyList<string> Tables(Project project) =>
        (project.Identity is null ? [] : new[] { "graph", "profiles", "refused" }.Select(k => IdentitySqlModel.Tables[k]))
        .Concat(project.Properties.Select(p => PublishedTables.Property(p.Name.Value)))
        .ToList();

    private sealed record Table(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows, string? Error);

    private static async Task<Table> ReadAsync(ITarget target, Project project, string table, CancellationToken cancellationToken)
    {
        try
        {
            var result = await target.ExecuteAsync($"SELECT * FROM {new RelationNames(project).Model(table)}", StatementContext.Adhoc(project.Name), cancellationToken);
            return new Table(result.Columns, result.Rows, null);
        }
        catch (TargetException e)
        {
            return new Table([], [], e.Message);
        }
    }

    private static void Print(ParityComparison c, string leftName, string rightName, TaskOutput output)
    {
        var verdict = c.Same ? "same" : $"DIFFERENT: {c.OnlyLeftCount:N0} rows only on {leftName}, {c.OnlyRightCount:N0} only on {rightName}";
        output.Info($"  {c.Table,-32} {c.LeftRows,9:N0} rows on {leftName}  {c.RightRows,9:N0} rows on {rightName}  {verdict}",
            ("event", "parity_table"), ("table", c.Table), ("left_rows", c.LeftRows), ("right_rows", c.RightRows), ("same", c.Same),
            ("only_left", c.OnlyLeftCount), ("only_right", c.OnlyRightCount));
        if (c.ColumnsOnlyLeft.Count > 0) output.Info($"    columns only on {leftName}: {string.Join(", ", c.ColumnsOnlyLeft)}");
        if (c.ColumnsOnlyRight.Count > 0) output.Info($"    columns only on {rightName}: {string.Join(", ", c.ColumnsOnlyRight)}");
        foreach (var row in c.OnlyLeftSample) output.Info($"    only on {leftName}: {OneLine(row)}");
        foreach (var row in c.OnlyRightSample) output.Info($"    only on {rightName}: {OneLine(row)}");
    }

    private static string OneLine(string row) => row.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static int Fail(TaskOutput output, string message)
    {
        output.Error(message);
        return ExitCodes.Failure;
    }
}
