using YamlDotNet.RepresentationModel;

namespace FleetSim.Scenario;

/// <summary>
/// Reads one YAML mapping of a scenario: typed values with their rules, and every key that was
/// not asked for reported as unknown (with the closest allowed key), never silently ignored.
/// </summary>
internal sealed class MappingReader
{
    private readonly YamlSource _source;
    private readonly YamlMappingNode _node;
    private readonly string _path;
    private readonly List<string> _known = [];

    public MappingReader(YamlSource source, YamlMappingNode node, string path)
    {
        _source = source;
        _node = node;
        _path = path;
    }

    public YamlMappingNode Node => _node;

    public string PathOf(string key) => _path.Length == 0 ? key : $"{_path}.{key}";

    public YamlNode? Find(string key)
    {
        _known.Add(key);
        foreach (var (k, v) in _node.Children)
        {
            if (k is YamlScalarNode s && s.Value == key)
            {
                return v;
            }
        }
        return null;
    }

    public bool Has(string key) => Find(key) is not null;

    public YamlNode Required(string key) =>
        Find(key) ?? throw _source.Error(_node, PathOf(key), "is required but missing");

    public double Number(string key, NumberRule rule, double? fallback = null)
    {
        YamlNode? node = Find(key);
        if (node is null)
        {
            return fallback ?? throw _source.Error(_node, PathOf(key), $"is required but missing ({rule.Describe()})");
        }
        return ReadNumber(node, PathOf(key), rule);
    }

    public int Integer(string key, NumberRule rule, int? fallback = null)
    {
        YamlNode? node = Find(key);
        if (node is null)
        {
            return fallback ?? throw _source.Error(_node, PathOf(key), $"is required but missing ({rule.Describe()})");
        }
        return ReadInteger(node, PathOf(key), rule);
    }

    /// <summary>
    /// A true/false key (YAML 1.2's core booleans: true, True, TRUE, false, False, FALSE), or
    /// <paramref name="fallback"/> when absent; anything else is an error at the key's line.
    /// </summary>
    public bool Flag(string key, bool fallback) => Text(key) switch
    {
        null => fallback,
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        string other => throw _source.Error(Find(key)!, PathOf(key), $"expected true or false, found '{other}'"),
    };

    public string? Text(string key)
    {
        YamlNode? node = Find(key);
        if (node is null)
        {
            return null;
        }
        return node is YamlScalarNode s && s.Value is not null
            ? s.Value
            : throw _source.Error(node, PathOf(key), $"expected text, found {Describe(node)}");
    }

    public MappingReader? Mapping(string key)
    {
        YamlNode? node = Find(key);
        return node is null ? null : AsMapping(node, PathOf(key));
    }

    public MappingReader RequiredMapping(string key) =>
        Mapping(key) ?? throw _source.Error(_node, PathOf(key), "is a required section but missing");

    public MappingReader AsMapping(YamlNode node, string path) =>
        node is YamlMappingNode m
            ? new MappingReader(_source, m, path)
            : throw _source.Error(node, path, $"expected a section of keys, found {Describe(node)}");

    public double ReadNumber(YamlNode node, string path, NumberRule rule)
    {
        if (node is not YamlScalarNode { Value: { } text } || !YamlNumbers.TryParse(text, out double value))
        {
            throw _source.Error(node, path, $"expected a number, found {Describe(node)}");
        }
        string? broken = rule.Check(value);
        return broken is null ? value : throw _source.Error(node, path, $"{broken} (got {text})");
    }

    public int ReadInteger(YamlNode node, string path, NumberRule rule)
    {
        double value = ReadNumber(node, path, rule);
        if (value != Math.Floor(value))
        {
            throw _source.Error(node, path, $"expected a whole number, found {((YamlScalarNode)node).Value}");
        }
        if (Math.Abs(value) > int.MaxValue)
        {
            throw _source.Error(node, path, $"is too large (got {((YamlScalarNode)node).Value})");
        }
        return (int)value;
    }

    public ScenarioException Error(YamlNode node, string key, string problem) => _source.Error(node, PathOf(key), problem);

    public ScenarioException ErrorHere(string problem) => _source.Error(_node, _path, problem);

    /// <summary>
    /// Names every key this section may hold and refuses any other before a value is read, so that a
    /// misspelt key is reported as itself (with the key it was probably meant to be), not as that key missing.
    /// </summary>
    public MappingReader Allow(params string[] keys)
    {
        _known.AddRange(keys);
        RejectUnknownKeys();
        return this;
    }

    private void RejectUnknownKeys()
    {
        foreach (var (k, _) in _node.Children)
        {
            if (k is not YamlScalarNode { Value: { } key })
            {
                throw _source.Error(k, _path, $"expected a key name, found {Describe(k)}");
            }
            if (_known.Contains(key))
            {
                continue;
            }
            string allowed = string.Join(", ", _known.Distinct());
            string? near = Spelling.Closest(key, _known);
            string hint = near is null ? "" : $" (did you mean '{near}'?)";
            throw _source.Error(k, PathOf(key), $"unknown key{hint}; allowed here: {allowed}");
        }
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a section of keys",
        YamlSequenceNode => "a list",
        YamlScalarNode { Value: null or "" or "~" or "null" } => "nothing",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "something else",
    };
}
