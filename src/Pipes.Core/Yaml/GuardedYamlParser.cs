using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Pipes.Core.Yaml;

/// <summary>
/// YamlDotNet's event parser with the checks its node loader lacks: nesting depth, alias expansion, aliases to a node
/// that contains them, and a second document. YamlDotNet's representation model loads recursively and keeps aliases as
/// shared nodes, so a deep or cyclic file overflows the stack and an alias bomb explodes in whoever walks the tree;
/// these are counted here, one event at a time, before the loader sees them.
/// </summary>
public sealed class GuardedYamlParser(string text) : IParser
{
    private const long Open = -1;
    private readonly Parser _inner = new(new StringReader(text));
    private readonly Stack<(string? Anchor, long Nodes)> _open = new();
    private readonly Dictionary<string, long> _anchors = new(StringComparer.Ordinal);
    private long _aliasNodes;
    private int _documents;

    /// <summary>Where the last event ended: where reading stopped when YamlDotNet throws without a position.</summary>
    public Mark LastEnd { get; private set; } = Mark.Empty;

    public ParsingEvent? Current => _inner.Current;

    public bool MoveNext()
    {
        if (!_inner.MoveNext()) return false;
        var e = _inner.Current!;
        switch (e)
        {
            case DocumentStart when ++_documents > 1:
                throw new YamlLimitException(LimitKind.SecondDocument, e.Start, e.End,
                    "a second YAML document starts here; a project file holds one document");
            case MappingStart or SequenceStart:
                if (_open.Count >= YamlLimits.MaxDepth)
                    throw new YamlLimitException(LimitKind.Limit, e.Start, e.End,
                        $"YAML nested deeper than {YamlLimits.MaxDepth} levels");
                var anchor = ((NodeEvent)e).Anchor;
                var name = anchor.IsEmpty ? null : anchor.Value;
                if (name is not null) _anchors[name] = Open;
                _open.Push((name, 1));
                break;
            case MappingEnd or SequenceEnd:
                var (closed, nodes) = _open.Pop();
                if (closed is not null) _anchors[closed] = nodes;
                AddToParent(nodes);
                break;
            case Scalar scalar:
                if (!scalar.Anchor.IsEmpty) _anchors[scalar.Anchor.Value] = 1;
                AddToParent(1);
                break;
            case AnchorAlias alias:
                var target = alias.Value.Value;
                if (!_anchors.TryGetValue(target, out var size)) break; // YamlDotNet reports unknown anchors
                if (size == Open)
                    throw new YamlLimitException(LimitKind.RecursiveAlias, e.Start, e.End,
                        $"alias '*{target}' refers to the node that contains it, which would never end");
                _aliasNodes += size;
                if (_aliasNodes > YamlLimits.MaxAliasNodes)
                    throw new YamlLimitException(LimitKind.Limit, e.Start, e.End,
                        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"aliases expand to more than {YamlLimits.MaxAliasNodes:N0} nodes in this file"));
                AddToParent(size);
                break;
        }
        LastEnd = e.End;
        return true;
    }

    public void Dispose()
    {
    }

    private void AddToParent(long nodes)
    {
        if (_open.Count == 0) return;
        var (anchor, count) = _open.Pop();
        _open.Push((anchor, count + nodes));
    }
}

public enum LimitKind
{
    Limit,
    RecursiveAlias,
    SecondDocument,
}

/// <summary>A file that is valid YAML but outside what a project file may be.</summary>
public sealed class YamlLimitException(LimitKind kind, Mark start, Mark end, string message) : YamlException(start, end, message)
{
    public LimitKind Kind { get; } = kind;
}
