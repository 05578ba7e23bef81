using Pipes.Core.Tasks;

namespace Pipes.Cli;

/// <summary>
/// Bad input is reported by the tasks as diagnostics (exit 1). Anything thrown past them is a crash (exit 2): one
/// line, and the stack trace only with PIPES_DEBUG=1.
/// </summary>
public static class Guard
{
    public static int Run(Func<int> action) => RunAsync(() => Task.FromResult(action())).GetAwaiter().GetResult();

    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (OperationCanceledException)
        {
            // Interrupted outside a node (opening the target, the summary): nothing was running that needs saying.
            Console.Error.WriteLine("interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (e is Pipes.Core.Targets.TargetException or NotSupportedException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (AggregateException e) when (TargetWrites.FirstExpected(e) is { } cause)
        {
            // Parallel file work: one sentence for the first failure, not each inner exception repeated.
            Console.Error.WriteLine($"error: {cause.Message}");
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            if (Environment.GetEnvironmentVariable("PIPES_DEBUG") == "1") Console.Error.WriteLine(e);
            else Console.Error.WriteLine("set PIPES_DEBUG=1 for the stack trace, and please report it");
            return ExitCodes.Crash;
        }
    }
}
