using Pipes.Core.Targets;
using Pipes.Core.Targets.DuckDb;

namespace Pipes.Tests.Run;

/// <summary>Cancelling the token interrupts the DuckDB statement that runs, whenever the cancellation lands, and the connection stays usable.</summary>
public sealed class DuckDbCancellationTests
{
    private const string Slow = "SELECT SUM(range % 7) FROM range(1000000000000)";

    [Theory]
    [InlineData(0)]    // races the statement's start: DuckDB clears an interrupt that lands before it begins
    [InlineData(1)]
    [InlineData(300)]  // well inside the statement
    public async Task A_slow_statement_stops_and_the_next_one_runs(int cancelAfterMs)
    {
        await using var target = DuckDbTarget.Open(":memory:");
        var context = StatementContext.Adhoc("tests");
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var source = new CancellationTokenSource();
            var cancel = Task.Run(async () => { await Task.Delay(cancelAfterMs); source.Cancel(); });

            // A hang guard, not a speed target (a loaded CI machine once took 12.5 s): were the interrupt lost, the
            // statement would run for hours and this would time out instead of throwing the cancellation.
            await Should.ThrowAsync<OperationCanceledException>(() => Task.Run(() => target.ExecuteAsync(Slow, context, source.Token)).WaitAsync(TimeSpan.FromSeconds(60)));

            await cancel;
            (await target.ExecuteAsync("SELECT 42", context, CancellationToken.None)).Rows[0][0].ShouldBe(42);
        }
    }
}
