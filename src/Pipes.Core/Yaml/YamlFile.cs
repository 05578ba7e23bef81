using System.Buffers;
using System.Globalization;
using System.Text;
using Pipes.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pipes.Core.Yaml;

/// <summary>Parses one YAML file into YamlDotNet's node tree, which keeps a position on every node.</summary>
public static class YamlFile
{
    /// <summary>
    /// The root node, or null (with a diagnostic) when the file is not valid YAML or breaks a <see cref="YamlLimits"/>
    /// bound. An empty file gives null, no diagnostic.
    /// </summary>
    public static YamlNode? Parse(string displayPath, string text, DiagnosticBag bag)
    {
        var parser = new GuardedYamlParser(text);
        try
        {
            var stream = new YamlStream();
            stream.Load(parser);
            return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlLimitException e)
        {
            var code = e.Kind switch
            {
                LimitKind.RecursiveAlias => DiagnosticCodes.RecursiveAlias,
                LimitKind.SecondDocument => DiagnosticCodes.SecondDocument,
                _ => DiagnosticCodes.LimitReached,
            };
            bag.Error(code, Span(displayPath, e.Start, e.End), e.Message);
        }
        catch (YamlException e) when (e.Message.StartsWith("Duplicate key", StringComparison.Ordinal))
        {
            bag.Error(DiagnosticCodes.DuplicateKey, Span(displayPath, e.Start, e.End), e.Message.ToLowerInvariant());
        }
        catch (YamlException e)
        {
            var tab = e.Message.Contains("tab", StringComparison.OrdinalIgnoreCase);
            bag.Error(DiagnosticCodes.MalformedYaml, Where(displayPath, text, e.Start, e.End, parser.LastEnd, tab), "malformed YAML: " + Lower(e.Message));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this without a position on some unterminated flow collections.
            bag.Error(DiagnosticCodes.MalformedYaml, Where(displayPath, text, Mark.Empty, Mark.Empty, parser.LastEnd, tab: false), "malformed YAML: an unterminated '[' or '{'");
        }
        catch (ArgumentException)
        {
            // YamlDotNet's node loader gives up on some broken event sequences ("the current event is of an unsupported
            // type") before its parser reaches the syntax error; reading on with the parser alone finds it.
            var error = SyntaxError(text);
            bag.Error(DiagnosticCodes.MalformedYaml, error is null ? Span(displayPath, parser.Current?.Start ?? parser.LastEnd, parser.Current?.End ?? parser.LastEnd) : Span(displayPath, error.Start, error.End),
                "malformed YAML: " + (error is null ? "unexpected " + parser.Current?.GetType().Name + " here" : Lower(error.Message)));
        }
        return null;
    }

    private static YamlException? SyntaxError(string text)
    {
        try
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext()) { }
            return null;
        }
        catch (YamlException e)
        {
            return e;
        }
    }

    /// <summary>
    /// Reads a project file's text, or null with an error when it is larger than <see cref="YamlLimits.MaxFileBytes"/>.
    /// The text is what <see cref="File.ReadAllText(string)"/> gives (UTF-8, a byte order mark decides otherwise), read
    /// with one open and one pooled buffer: a project has thousands of small files, and ReadAllText's stream and reader
    /// buffers were most of the bytes a load allocated (issue 14).
    /// </summary>
    public static string? ReadText(string fullPath, string displayPath, DiagnosticBag bag)
    {
        using var handle = File.OpenHandle(fullPath, options: FileOptions.SequentialScan);
        var length = RandomAccess.GetLength(handle);
        if (length > YamlLimits.MaxFileBytes)
        {
            bag.Error(DiagnosticCodes.LimitReached, SourceSpan.At(displayPath, 1, 1),
                string.Create(CultureInfo.InvariantCulture, $"file is {length:N0} bytes; project files may hold at most {YamlLimits.MaxFileBytes:N0} bytes (16 MiB)"));
            return null;
        }
        // One byte more than the file's length, to see that it did not grow since.
        var buffer = ArrayPool<byte>.Shared.Rent((int)length + 1);
        try
        {
            var read = 0;
            for (int n; read < buffer.Length && (n = RandomAccess.Read(handle, buffer.AsSpan(read), read)) > 0;) read += n;
            var bytes = buffer.AsSpan(0, read);
            // UTF-16 and UTF-32 byte order marks (rare): ReadAllText's own detection; a file that grew: read it again whole.
            if (read > length || bytes.StartsWith(stackalloc byte[] { 0xFE, 0xFF }) || bytes.StartsWith(stackalloc byte[] { 0xFF, 0xFE }) ||
                bytes.StartsWith(stackalloc byte[] { 0x00, 0x00, 0xFE, 0xFF }))
                return File.ReadAllText(fullPath);
            return Encoding.UTF8.GetString(bytes.StartsWith(Encoding.UTF8.Preamble) ? bytes[3..] : bytes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static SourceSpan Span(string file, YamlNode node) => Span(file, node.Start, node.End);

    public static SourceSpan Span(string file, Mark start, Mark end) =>
        new(file, (int)start.Line, (int)start.Column, (int)end.Line, (int)end.Column);

    /// <summary>
    /// The error's own position, or where it really is when YamlDotNet gives none (it throws some errors, such as a
    /// tab used as indentation, with an empty mark): for a <paramref name="tab"/> error the first tab in indentation
    /// after the last good event, else where reading stopped.
    /// </summary>
    private static SourceSpan Where(string file, string text, Mark start, Mark end, Mark lastEnd, bool tab)
    {
        if (start.Index > 0 || start.Line > 1 || start.Column > 1) return Span(file, start, end);
        var from = (int)Math.Clamp(lastEnd.Index, 0, text.Length);
        for (var i = from; tab && i < text.Length; i++)
        {
            if (text[i] == '\t' && text.AsSpan(LineStart(text, i), i - LineStart(text, i)).Trim(' ').IsEmpty) return At(file, text, i);
        }
        return lastEnd.Line > 0 ? Span(file, lastEnd, lastEnd) : SourceSpan.At(file, 1, 1);
    }

    private static SourceSpan At(string file, string text, int index) =>
        SourceSpan.At(file, 1 + text.AsSpan(0, index).Count('\n'), index - LineStart(text, index) + 1);

    private static int LineStart(string text, int index) => index == 0 ? 0 : text.LastIndexOf('\n', index - 1) + 1;

    private static string Lower(string message) =>
        message.Length == 0 ? message : char.ToLowerInvariant(message[0]) + message[1..];
}
