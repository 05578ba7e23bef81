using DuckDB.NET.Data;
using Pipes.Core.Seeds;

namespace Pipes.Core.Targets.DuckDb;

/// <summary>
/// DuckDB's bulk path for seeds: the ADO.NET appender writes the parsed CSV rows (text, with their line) into the
/// staging table in process, without SQL text; the engine then casts them in one INSERT.
/// </summary>
public static class DuckDbSeedLoader
{
    public static Task<string> AppendAsync(DuckDBConnection connection, SeedLoadStep step, CancellationToken cancellationToken)
    {
        try
        {
            using (var appender = connection.CreateAppender(step.Stage.Database, step.Stage.Schema, step.Stage.Name))
            {
                var rows = 0;
                foreach (var row in step.Rows)
                {
                    if (++rows % 65_536 == 0) cancellationToken.ThrowIfCancellationRequested();
                    var appended = appender.CreateRow().AppendValue((long)row.Line);
                    foreach (var value in row.Values) appended = value is null ? appended.AppendNullValue() : appended.AppendValue(value);
                    appended.EndRow();
                }
            }
            return Task.FromResult("through DuckDB's appender");
        }
        catch (DuckDBException e)
        {
            throw new TargetException($"appending {step.CsvPath} to {step.Stage.Relation}: {e.Message.Trim()}", code: e.ErrorType.ToString(), inner: e);
        }
    }
}
