using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FleetSim.Scenario;

/// <summary>
/// One <c>--set key.path=value</c> from the command line. The value is read as YAML, so
/// <c>--set fleet.replicas=6</c>, <c>--set router.mode=fluid</c> and
/// <c>--set traffic.daily_shape.hourly=[1,1,...]</c> all work.
/// </summary>
public sealed record ScenarioOverride(string KeyPath, string Value)
{
    /// <summary>The override as typed, for messages; a value longer than 60 characters is cut short with "...".</summary>
    public string Origin => TypedAs ?? $"--set {KeyPath}={(Value.Length > 60 ? Value[..57] + "..." : Value)}";

    /// <summary>The flag the user typed when it was not --set (plan's <c>--slo ttft_p95_seconds=2</c>), so messages name it; null for --set.</summary>
    public string? TypedAs { get; init; }

    /// <summary>Parses "key.path=value"; returns null and a reason when it is not of that form.</summary>
    public static ScenarioOverride Parse(string text)
    {
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            throw new ScenarioException($"--set {text}", "", "expected key.path=value, for example --set fleet.replicas=6");
        }
        string path = text[..eq].Trim();
        if (path.Split('.').Any(p => p.Length == 0))
        {
            throw new ScenarioException($"--set {text}", "", $"'{path}' is not a key path like replica.usd_per_gpu_hour");
        }
        return new ScenarioOverride(path, text[(eq + 1)..]);
    }

    internal void ApplyTo(YamlMappingNode root, YamlSource source)
    {
        string[] keys = KeyPath.Split('.');
        YamlMappingNode current = root;
        for (int i = 0; i < keys.Length - 1; i++)
        {
            var key = new YamlScalarNode(keys[i]);
            if (!current.Children.TryGetValue(key, out YamlNode? next))
            {
                next = new YamlMappingNode();
                current.Children.Add(key, next);
                source.MarkOverride(key, Origin);
                source.MarkOverride(next, Origin);
            }
            if (next is not YamlMappingNode mapping)
            {
                string parent = string.Join('.', keys.Take(i + 1));
                throw new ScenarioException(Origin, parent, "is a value, not a section: it has no keys to set");
            }
            current = mapping;
        }
        YamlNode value = ParseValue();
        var last = new YamlScalarNode(keys[^1]);
        source.MarkOverride(last, Origin);
        source.MarkOverride(value, Origin);
        current.Children[last] = value;
    }

    private YamlNode ParseValue()
    {
        if (Value.Trim().Length == 0)
        {
            throw new ScenarioException(Origin, KeyPath, "has no value after '='");
        }
        if (Value.Length > InputLimits.MaxSetValueChars)
        {
            throw new ScenarioException(Origin, KeyPath,
                $"the value is {Value.Length:N0} characters, more than the {InputLimits.MaxSetValueChars:N0} a --set value may hold (put it in the scenario file)");
        }
        try
        {
            // Watched like a scenario file: its depth, size and aliases are bounded the same way.
            var stream = new YamlStream();
            stream.Load(new TrackingParser(Value, new YamlSource(Origin)));
            return stream.Documents[0].RootNode;
        }
        catch (InvalidOperationException)
        {
            throw new ScenarioException(Origin, KeyPath, "the value is not valid YAML (a '[' or '{' never closed?)");
        }
        catch (YamlException e)
        {
            throw new ScenarioException(Origin, KeyPath, $"the value is not valid YAML: {e.Message.TrimEnd('.')}");
        }
    }
}
