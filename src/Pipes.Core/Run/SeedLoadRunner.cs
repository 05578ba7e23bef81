using System.Globalization;
using Pipes.Core.Seeds;
using Pipes.Core.Targets;

namespace Pipes.Core.Run;

/// <summary>
/// Runs a <see cref="SeedLoadStep"/>: the target fills the staging table through its bulk path, the staged rows are
/// counted, and one statement replaces the seed's table with the staged text cast. A count that differs from the CSV's
/// is an error, never a silent loss; a failed cast is reported at the CSV line and column of the first value that does
/// not convert. Either way, and when the load is stopped, the seed's previous table stays as it was.
/// </summary>
public static class SeedLoadRunner
{
    public static async Task<string> RunAsync(ITarget target, SeedLoadStep step, StatementContext context, CancellationToken cancellationToken)
    {
        var how = await target.LoadSeedRowsAsync(step, context, cancellationToken);
        var count = (await target.ExecuteAsync(step.CountRows, context, cancellationToken)).Rows;
        var loaded = Convert.ToInt64(count[0][0], CultureInfo.InvariantCulture);
        if (loaded != step.Table.Rows.Count)
            throw new TargetException(string.Create(CultureInfo.InvariantCulture, $"{step.CsvPath} has {step.Table.Rows.Count:N0} rows but {loaded:N0} were staged"));
        try
        {
            await target.ExecuteAsync(step.Insert, context, cancellationToken);
        }
        catch (TargetException e) when (step.FindBadValue.Length > 0)
        {
            var bad = (await target.ExecuteAsync(step.FindBadValue, context, cancellationToken)).Rows;
            if (bad.Count == 0) throw;
            var line = Convert.ToInt64(bad[0][0], CultureInfo.InvariantCulture);
            var column = Convert.ToString(bad[0][1], CultureInfo.InvariantCulture)!;
            var type = step.Columns.First(c => string.Equals(c.Name, column, StringComparison.Ordinal)).Type;
            throw new TargetException(
                $"{step.CsvPath} line {line}, column '{column}': '{bad[0][2]}' is not a valid {type}; fix the value or the column's type under column_types (engine: {FirstLine(e.Message)})",
                e.Code, e.SqlState, queryId: e.QueryId, inner: e);
        }
        return string.Create(CultureInfo.InvariantCulture, $"{loaded:N0} rows from {step.CsvPath} {how}");
    }

    // The engine's own "LINE n" points into the INSERT, not the CSV: keep only its first line.
    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
