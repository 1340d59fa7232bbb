using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FleetSim.Scenario;

/// <summary>
/// YamlDotNet's parser, watched on the way through so its failures can be reported properly: a key
/// written twice in one section and an alias to no anchor are refused with their key path and line,
/// and the '[' or '{' still open is known for when YamlDotNet gives up on one without saying where.
/// </summary>
internal sealed class TrackingParser : IParser
{
    private readonly YamlSource _source;
    private readonly Scanner _scanner;
    private readonly Parser _parser;
    private readonly Stack<Collection> _open = new();
    private readonly HashSet<string> _anchors = [];

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
                _open.Push(new Collection(PathOf(m), m.Start, m.Style == MappingStyle.Flow ? '{' : null, isMapping: true));
                break;
            case SequenceStart s:
                _open.Push(new Collection(PathOf(s), s.Start, s.Style == SequenceStyle.Flow ? '[' : null, isMapping: false));
                break;
            case MappingEnd or SequenceEnd:
                _open.Pop();
                Completed();
                break;
            case AnchorAlias a when !_anchors.Contains(a.Value.Value):
                throw new ScenarioException(_source.At(a.Start), PathOf(a), $"*{a.Value} refers to no anchor &{a.Value} above it");
            case Scalar or AnchorAlias:
                PathOf(_parser.Current);
                Completed();
                break;
        }
        return true;
    }

    /// <summary>The key path of a node starting here; a key is checked against its section's earlier keys.</summary>
    private string PathOf(ParsingEvent node)
    {
        if (node is NodeEvent { Anchor.IsEmpty: false } anchored)
        {
            _anchors.Add(anchored.Anchor.Value);
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
    }
}
