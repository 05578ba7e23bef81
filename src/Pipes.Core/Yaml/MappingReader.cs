using System.Globalization;
using Pipes.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Pipes.Core.Yaml;

/// <summary>
/// Reads one YAML mapping strictly: every key asked for becomes known, and <see cref="Finish"/> reports the rest as
/// unknown with a "did you mean". Wrong value types become diagnostics; reading goes on.
/// </summary>
public sealed class MappingReader
{
    private readonly YamlMappingNode _node;
    private readonly DiagnosticBag _bag;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly string _what;

    private MappingReader(string file, YamlMappingNode node, DiagnosticBag bag, string what)
    {
        File = file;
        _node = node;
        _bag = bag;
        _what = what;
    }

    public string File { get; }

    public SourceSpan Span => YamlFile.Span(File, _node);

    public DiagnosticBag Bag => _bag;

    /// <summary>A reader over <paramref name="node"/>, or null with a diagnostic when it is not a mapping.</summary>
    public static MappingReader? From(string file, YamlNode? node, DiagnosticBag bag, string what)
    {
        if (node is YamlMappingNode mapping) return new MappingReader(file, mapping, bag, what);
        if (node is not null && !IsNull(node))
            bag.Error(DiagnosticCodes.WrongType, YamlFile.Span(file, node), $"{what} must be a mapping of keys to values");
        return null;
    }

    /// <summary>As <see cref="From"/>, but an empty value is an error too, reported at <paramref name="at"/>.</summary>
    public static MappingReader? Required(string file, YamlNode? node, DiagnosticBag bag, string what, SourceSpan at)
    {
        var reader = From(file, node, bag, what);
        if (reader is null && (node is null || IsNull(node)))
            bag.Error(DiagnosticCodes.MissingKey, node is null ? at : YamlFile.Span(file, node), $"{what} is empty");
        return reader;
    }

    public bool Has(string key) => Find(key) is not null;

    /// <summary>Whether the key is written with a value (maybe a wrong one, already reported): then "missing" would be a follow-on error.</summary>
    public bool HasValue(string key) => Find(key) is { } value && !IsNull(value);

    public YamlNode? Node(string key)
    {
        _known.Add(key);
        var value = Find(key);
        return value is null || IsNull(value) ? null : value;
    }

    public Located<string>? String(string key, bool required = false) => Scalar(key, required, "a text value");

    /// <summary>A scalar; a list or mapping is reported as not being <paramref name="expected"/> (what the key holds).</summary>
    private Located<string>? Scalar(string key, bool required, string expected)
    {
        var node = Node(key);
        if (node is null)
        {
            if (required) _bag.Error(DiagnosticCodes.MissingKey, Span, $"{_what} has no '{key}'", $"add '{key}:'");
            return null;
        }
        if (node is YamlScalarNode scalar) return new Located<string>(scalar.Value ?? "", YamlFile.Span(File, node));
        _bag.Error(DiagnosticCodes.WrongType, YamlFile.Span(File, node), $"'{key}' of {_what} must be {expected}, not a {Kind(node)}");
        return null;
    }

    private static string Kind(YamlNode node) => node is YamlSequenceNode ? "list" : "mapping";

    public Located<bool>? Bool(string key)
    {
        var text = Scalar(key, required: false, "true or false");
        if (text is null) return null;
        if (bool.TryParse(text.Value, out var value)) return new Located<bool>(value, text.Span);
        _bag.Error(DiagnosticCodes.WrongType, text.Span, $"'{key}' of {_what} must be true or false, not '{text.Value}'");
        return null;
    }

    public Located<int>? Int(string key)
    {
        var text = Scalar(key, required: false, "an integer");
        if (text is null) return null;
        if (int.TryParse(text.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            return new Located<int>(value, text.Span);
        _bag.Error(DiagnosticCodes.WrongType, text.Span, $"'{key}' of {_what} must be an integer, not '{text.Value}'");
        return null;
    }

    /// <summary>A list of text values; a single value counts as a list of one.</summary>
    public IReadOnlyList<Located<string>> StringList(string key)
    {
        var node = Node(key);
        if (node is null) return Array.Empty<Located<string>>();
        if (node is YamlScalarNode scalar) return new[] { new Located<string>(scalar.Value ?? "", YamlFile.Span(File, node)) };
        if (node is not YamlSequenceNode sequence)
        {
            _bag.Error(DiagnosticCodes.WrongType, YamlFile.Span(File, node), $"'{key}' of {_what} must be a text value or a list of them");
            return Array.Empty<Located<string>>();
        }
        var items = new List<Located<string>>();
        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode s) items.Add(new Located<string>(s.Value ?? "", YamlFile.Span(File, item)));
            else _bag.Error(DiagnosticCodes.WrongType, YamlFile.Span(File, item), $"each item of '{key}' of {_what} must be a text value");
        }
        return items;
    }

    public MappingReader? Mapping(string key) => From(File, Node(key), _bag, $"'{key}' of {_what}");

    /// <summary>A list of mappings; <paramref name="describe"/> names each item for messages.</summary>
    public IReadOnlyList<MappingReader> MappingList(string key, Func<int, string> describe)
    {
        var node = Node(key);
        if (node is null) return Array.Empty<MappingReader>();
        if (node is not YamlSequenceNode sequence)
        {
            _bag.Error(DiagnosticCodes.WrongType, YamlFile.Span(File, node), $"'{key}' of {_what} must be a list");
            return Array.Empty<MappingReader>();
        }
        var readers = new List<MappingReader>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var reader = From(File, sequence.Children[i], _bag, describe(i));
            if (reader is not null) readers.Add(reader);
        }
        return readers;
    }

    /// <summary>Every entry of a free-form mapping (vars, column types), keys in file order.</summary>
    public IEnumerable<(Located<string> Key, YamlNode Value)> Entries()
    {
        foreach (var (key, value) in _node.Children)
        {
            if (key is not YamlScalarNode k)
            {
                _bag.Error(DiagnosticCodes.WrongType, YamlFile.Span(File, key), $"keys of {_what} must be text values, not a {Kind(key)}");
                continue;
            }
            _known.Add(k.Value ?? "");
            yield return (new Located<string>(k.Value ?? "", YamlFile.Span(File, key)), value);
        }
    }

    /// <summary>Reports every key that no reader asked for.</summary>
    public void Finish()
    {
        foreach (var (key, _) in _node.Children)
        {
            if (key is not YamlScalarNode scalar)
            {
                _bag.Error(DiagnosticCodes.WrongType, YamlFile.Span(File, key), $"keys of {_what} must be text values, not a {Kind(key)}");
                continue;
            }
            var name = scalar.Value ?? "";
            if (_known.Contains(name)) continue;
            _bag.Error(DiagnosticCodes.UnknownKey, YamlFile.Span(File, key), $"unknown key '{name}' in {_what}",
                DidYouMean.Hint(name, _known));
        }
    }

    private YamlNode? Find(string key)
    {
        // A loop, not FirstOrDefault with a closure: every key of every model entry is looked up here (issue 14).
        foreach (var (k, value) in _node.Children)
        {
            if (k is YamlScalarNode s && s.Value == key) return value;
        }
        return null;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } s && (s.Value is null or "" or "~" or "null");
}
