using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FleetSim.Scenario;

/// <summary>
/// YamlDotNet's parser, watched on the way through so its failures can be reported properly: a key
/// written twice in one section and an alias to no anchor are refused with their key path and line,
/// and the '[' or '{' still open is known for when YamlDotNet gives up on one without saying where.
/// It also bounds the document (<see cref="InputLimits"/>): sections and lists nested deeper than
/// <see cref="InputLimits.MaxYamlDepth"/>, or more than <see cref="InputLimits.MaxYamlNodes"/> nodes counting
/// each alias as the nodes it stands for, are refused at the line they reach the limit, before YamlDotNet
/// (which builds nodes recursively) goes deeper.
/// </summary>
internal sealed class TrackingParser : IParser
{
    private readonly YamlSource _source;
    private readonly Scanner _scanner;
    private readonly Parser _parser;
    private readonly Stack<Collection> _open = new();
    private readonly Dictionary<string, long> _anchors = [];
    private long _nodes;

    public TrackingParser(string yaml, YamlSource source)
    {
        _source = source;
        _scanner = new Scanner(new StringReader(yaml));
        _parser = new Parser(_scanner);
    }

    public ParsingEvent? Current => _parser.Current;

    /// <summary>How far the scanner has read.</summary>
    public Mark Position => _scanner.CurrentPosition;

    /// <summary>The innermost '[' or '{' not closed yet, if any.</summary>
    public (Mark Start, char Opener)? OpenFlow =>
        _open.FirstOrDefault(c => c.Opener is not null) is { } c ? (c.Start, c.Opener!.Value) : null;

    public bool MoveNext()
    {
        if (!_parser.MoveNext())
        {
            return false;
        }
        switch (_parser.Current)
        {
            case MappingStart m:
                Open(new Collection(PathOf(m), m.Start, m.Style == MappingStyle.Flow ? '{' : null, isMapping: true), m);
                break;
            case SequenceStart s:
                Open(new Collection(PathOf(s), s.Start, s.Style == SequenceStyle.Flow ? '[' : null, isMapping: false), s);
                break;
            case MappingEnd or SequenceEnd:
                Collection closed = _open.Pop();
                if (closed.Anchor is { } anchor)
                {
                    _anchors[anchor] = _nodes - closed.NodesBefore;
                }
                Completed();
                break;
            case AnchorAlias a when !_anchors.ContainsKey(a.Value.Value):
                throw new ScenarioException(_source.At(a.Start), PathOf(a), $"*{a.Value} refers to no anchor &{a.Value} above it");
            case AnchorAlias a:
                Count(PathOf(a), a.Start, _anchors[a.Value.Value]);
                Completed();
                break;
            case Scalar scalar:
                string path = PathOf(scalar);
                Count(path, scalar.Start, 1);
                if (!scalar.Anchor.IsEmpty)
                {
                    _anchors[scalar.Anchor.Value] = 1;
                }
                Completed();
                break;
        }
        return true;
    }

    /// <summary>Opens a section or list, refusing it past <see cref="InputLimits.MaxYamlDepth"/> levels.</summary>
    private void Open(Collection collection, NodeEvent start)
    {
        if (_open.Count >= InputLimits.MaxYamlDepth)
        {
            throw new ScenarioException(_source.At(start.Start), Shorten(collection.Path),
                $"sections and lists nest more than {InputLimits.MaxYamlDepth} levels deep here: a scenario nests a few levels (the limit is {InputLimits.MaxYamlDepth})");
        }
        Count(collection.Path, start.Start, 1);
        collection.NodesBefore = _nodes - 1;
        collection.Anchor = start.Anchor.IsEmpty ? null : start.Anchor.Value;
        _open.Push(collection);
    }

    /// <summary>Adds <paramref name="nodes"/> to the document's count, refusing it past <see cref="InputLimits.MaxYamlNodes"/>.</summary>
    private void Count(string path, Mark at, long nodes)
    {
        _nodes += nodes;
        if (_nodes > InputLimits.MaxYamlNodes)
        {
            throw new ScenarioException(_source.At(at), Shorten(path),
                $"the document reaches more than {InputLimits.MaxYamlNodes:N0} keys, values and list items here (each alias counted as what it stands for): a scenario holds a few hundred (the limit is {InputLimits.MaxYamlNodes:N0})");
        }
    }

    /// <summary>The key path of a node starting here; a key is checked against its section's earlier keys.</summary>
    private string PathOf(ParsingEvent node)
    {
        if (node is NodeEvent { Anchor.IsEmpty: false } anchored)
        {
            // Known from here on; its size is set when it ends (an alias inside it counts what it has so far).
            _anchors.TryAdd(anchored.Anchor.Value, 0);
        }
        if (!_open.TryPeek(out Collection? parent))
        {
            return "";
        }
        if (!parent.IsMapping)
        {
            return $"{parent.Path}[{parent.Count++}]";
        }
        if (!parent.AtKey)
        {
            return parent.Key is null ? parent.Path : Join(parent.Path, parent.Key);
        }
        parent.Key = (node as Scalar)?.Value;
        if (parent.Key is { } key && !parent.Keys.TryAdd(key, node.Start))
        {
            throw new ScenarioException(_source.At(node.Start), Join(parent.Path, key),
                $"is written twice in one section (first at line {parent.Keys[key].Line})");
        }
        return parent.Path;
    }

    /// <summary>A node ended: in a section, a key is followed by its value and a value by the next key.</summary>
    private void Completed()
    {
        if (_open.TryPeek(out Collection? parent) && parent.IsMapping)
        {
            parent.AtKey = !parent.AtKey;
        }
    }

    /// <summary>A key path short enough for a message: a deeply nested one keeps its start and its end.</summary>
    private static string Shorten(string path) => path.Length <= 80 ? path : $"{path[..40]}...{path[^30..]}";

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private sealed class Collection(string path, Mark start, char? opener, bool isMapping)
    {
        public string Path { get; } = path;
        public Mark Start { get; } = start;
        public char? Opener { get; } = opener;
        public bool IsMapping { get; } = isMapping;
        public Dictionary<string, Mark> Keys { get; } = [];
        public bool AtKey { get; set; } = true;
        public string? Key { get; set; }
        public int Count { get; set; }
        public long NodesBefore { get; set; }
        public string? Anchor { get; set; }
    }
}
