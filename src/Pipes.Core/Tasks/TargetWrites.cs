namespace Pipes.Core.Tasks;

/// <summary>
/// Writes under <c>target/</c>. A folder that is read-only, missing or a file is an expected situation, not a crash:
/// the failure becomes one <see cref="IOException"/> sentence naming what was written and the path the system refused
/// (parallel writes would otherwise surface as an <see cref="AggregateException"/> repeating each file).
/// </summary>
public static class TargetWrites
{
    public static T Run<T>(string what, Func<T> write)
    {
        try
        {
            return write();
        }
        catch (Exception e) when (FirstExpected(e) is { } cause)
        {
            throw new IOException($"cannot write {what}: {cause.Message}", cause);
        }
    }

    public static void Run(string what, Action write) => Run(what, () => { write(); return 0; });

    /// <summary>The first I/O or permission failure inside <paramref name="e"/>, or null when it is something else (a bug).</summary>
    public static Exception? FirstExpected(Exception e) => e switch
    {
        IOException or UnauthorizedAccessException => e,
        AggregateException a => a.Flatten().InnerExceptions.Select(FirstExpected).FirstOrDefault(x => x is not null),
        _ => null,
    };
}
