using Pipes.Core.Seeds;

namespace Pipes.Core.Targets;

/// <summary>
/// The portable way to fill a seed's staging table: bounded INSERT statements, one after another. A chunk is not
/// executed twice: Snowflake's SQL API retries a submit with the same requestId and <c>retry=true</c>, which it runs
/// at most once; a lost or doubled chunk would still show in the row count <see cref="SeedLoadRunner"/> checks.
/// </summary>
public static class SeedChunkLoader
{
    public static async Task<string> LoadAsync(ITarget target, SeedLoadStep step, StatementContext context, CancellationToken cancellationToken)
    {
        var chunks = 0;
        try
        {
            foreach (var sql in step.Chunks())
            {
                await target.ExecuteAsync(sql, context, cancellationToken);
                chunks++;
            }
        }
        catch (InvalidOperationException e)
        {
            throw new TargetException(e.Message, inner: e); // a row too large for one statement
        }
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"in {chunks:N0} INSERT chunk{(chunks == 1 ? "" : "s")}");
    }
}
