using Pipes.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pipes.Core.Load;

/// <summary>Parses one YAML file into YamlDotNet's node tree, which keeps a position on every node.</summary>
public static class YamlFile
{
    /// <summary>The root node, or null (with a diagnostic) when the file is not valid YAML. An empty file gives null, no diagnostic.</summary>
    public static YamlNode? Parse(string displayPath, string text, DiagnosticBag bag)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException e) when (e.Message.StartsWith("Duplicate key", StringComparison.Ordinal))
        {
            bag.Error(DiagnosticCodes.DuplicateKey, Span(displayPath, e.Start, e.End), e.Message.ToLowerInvariant());
        }
        catch (YamlException e)
        {
            bag.Error(DiagnosticCodes.MalformedYaml, Span(displayPath, e.Start, e.End), "malformed YAML: " + Lower(e.Message));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this without a position on some unterminated flow collections.
            bag.Error(DiagnosticCodes.MalformedYaml, SourceSpan.FileOnly(displayPath), "malformed YAML: an unterminated '[' or '{'");
        }
        return null;
    }

    public static SourceSpan Span(string file, YamlNode node) => Span(file, node.Start, node.End);

    public static SourceSpan Span(string file, Mark start, Mark end) =>
        new(file, (int)start.Line, (int)start.Column, (int)end.Line, (int)end.Column);

    private static string Lower(string message) =>
        message.Length == 0 ? message : char.ToLowerInvariant(message[0]) + message[1..];
}
