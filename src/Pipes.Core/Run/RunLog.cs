using System.Globalization;
using System.Net;

namespace Pipes.Core.Run;

/// <summary>
/// <c>target/pipes.log</c>: debug detail of every run (each statement with its node, time and rows, each node's
/// outcome, every line printed), timestamped, appended across runs, secrets replaced by <c>***</c>. Past
/// <see cref="MaxBytes"/> the file moves to <c>pipes.log.1</c> (one kept), so it never grows without bound.
/// </summary>
public sealed class RunLog : IDisposable
{
    public const long MaxBytes = 20 * 1024 * 1024;

    private readonly StreamWriter _writer;
    private readonly SecretRedactor _redactor;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    private RunLog(StreamWriter writer, SecretRedactor redactor, TimeProvider time)
    {
        _writer = writer;
        _redactor = redactor;
        _time = time;
    }

    private static readonly AsyncLocal<RunLog?> Ambient = new();

    /// <summary>The log of the run in progress on this flow, for code that prints nothing itself (HTTP retries); null outside a run.</summary>
    public static RunLog? Current => Ambient.Value;

    /// <summary>Makes <paramref name="log"/> <see cref="Current"/> for the calling flow (an async caller restores it when it returns).</summary>
    public static void Attach(RunLog? log) => Ambient.Value = log;

    /// <summary>One retry of an HTTP client, as <see cref="Current"/> logs it: what failed and the wait before the next attempt.</summary>
    public static void Retry(string client, int attempt, HttpStatusCode? status, Exception? error, TimeSpan delay) =>
        Current?.Debug($"{client}: attempt {attempt} failed ({(status is { } s ? $"HTTP {(int)s} {s}" : error?.GetType().Name + ": " + error?.Message)}); " +
                       $"retrying in {delay.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms");

    public static RunLog Open(string path, SecretRedactor redactor, TimeProvider? time = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (File.Exists(path) && new FileInfo(path).Length > MaxBytes) File.Move(path, path + ".1", overwrite: true);
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        return new RunLog(new StreamWriter(stream) { AutoFlush = false, NewLine = "\n" }, redactor, time ?? TimeProvider.System);
    }

    public void Debug(string message) => Write("debug", message);

    public void Info(string message) => Write("info", message);

    public void Error(string message) => Write("error", message);

    private void Write(string level, string message)
    {
        var ts = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var text = _redactor.Redact(message).Replace("\n", "\n    ", StringComparison.Ordinal);
        lock (_gate) _writer.WriteLine($"{ts} [{level,-5}] {text}");
    }

    public void Dispose()
    {
        lock (_gate) _writer.Dispose();
    }
}
