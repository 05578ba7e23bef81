namespace Pipes.Core.Push;

/// <summary>Writes the exact request bodies a push would send, one per line, with the API key replaced by "***".</summary>
public sealed class DryRunWriter : IDisposable
{
    private readonly FileStream _file;
    private readonly int _minIdLength;

    public DryRunWriter(string path, int minIdLength)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        _minIdLength = minIdLength;
        FilePath = path;
    }

    public string FilePath { get; }

    public static string PathFor(string targetDirectory, string destination) =>
        Path.Combine(targetDirectory, "push", destination + ".jsonl");

    public async Task WriteAsync(IReadOnlyList<PushEvent> batch, CancellationToken cancellationToken)
    {
        await _file.WriteAsync(AmplitudeRequestBody.Build(AmplitudeRequestBody.RedactedKey, batch, _minIdLength), cancellationToken).ConfigureAwait(false);
        _file.WriteByte((byte)'\n');
    }

    public void Dispose() => _file.Dispose();
}
