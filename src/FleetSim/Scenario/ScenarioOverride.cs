using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FleetSim.Scenario;

/// <summary>
/// One <c>--set key.path=value</c> from the command line. The value is read as YAML, so
/// <c>--set fleet.replicas=6</c>, <c>--set router.mode=fluid</c> and
/// <c>--set traffic.daily_shape.hourly=[1,1,...]</c> all work. A key followed by <c>[i]</c> is entry i
/// (from 0) of a list the scenario already has: <c>--set traffic.classes[1].deadline_hours=12</c> sets one
/// class's deadline, <c>--set traffic.daily_shape.hourly[3]=1.2</c> one hour of the shape.
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
        if (path.Split('.').Any(p => Step.Of(p) is null))
        {
            throw new ScenarioException($"--set {text}", "", $"'{path}' is not a key path like replica.usd_per_gpu_hour or traffic.classes[1].share");
        }
        return new ScenarioOverride(path, text[(eq + 1)..]);
    }

    /// <summary>One key of a path and the list entries it goes on into: <c>classes[1]</c> is ("classes", [1]).</summary>
    private sealed record Step(string Key, int[] Entries)
    {
        /// <summary>The step written <paramref name="text"/>, or null when it is not a key followed by zero or more [i].</summary>
        public static Step? Of(string text)
        {
            int open = text.IndexOf('[', StringComparison.Ordinal);
            string key = open < 0 ? text : text[..open];
            if (key.Length == 0 || key.Contains(']', StringComparison.Ordinal))
            {
                return null;
            }
            var entries = new List<int>();
            for (int at = open; at >= 0 && at < text.Length;)
            {
                int close = text.IndexOf(']', at);
                if (text[at] != '[' || close < 0
                    || !int.TryParse(text.AsSpan(at + 1, close - at - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int entry))
                {
                    return null;
                }
                entries.Add(entry);
                at = close + 1;
            }
            return new Step(key, [.. entries]);
        }
    }

    internal void ApplyTo(YamlMappingNode root, YamlSource source)
    {
        Step[] steps = [.. KeyPath.Split('.').Select(p => Step.Of(p)!)];
        YamlMappingNode current = root;
        string walked = "";
        for (int i = 0; i < steps.Length; i++)
        {
            Step step = steps[i];
            bool last = i == steps.Length - 1;
            var key = new YamlScalarNode(step.Key);
            walked = walked.Length == 0 ? step.Key : $"{walked}.{step.Key}";
            if (last && step.Entries.Length == 0)
            {
                YamlNode value = ParseValue();
                source.MarkOverride(key, Origin);
                source.MarkOverride(value, Origin);
                current.Children[key] = value;
                return;
            }
            if (!current.Children.TryGetValue(key, out YamlNode? next))
            {
                if (step.Entries.Length > 0)
                {
                    throw new ScenarioException(Origin, walked, "is not in the scenario, so it has no entries to set: give the whole list");
                }
                next = new YamlMappingNode();
                current.Children.Add(key, next);
                source.MarkOverride(key, Origin);
                source.MarkOverride(next, Origin);
            }
            for (int e = 0; e < step.Entries.Length; e++)
            {
                int entry = step.Entries[e];
                if (next is not YamlSequenceNode list)
                {
                    throw new ScenarioException(Origin, walked, $"is not a list, so [{entry}] names nothing in it");
                }
                if (entry >= list.Children.Count)
                {
                    throw new ScenarioException(Origin, walked,
                        $"has {list.Children.Count} {(list.Children.Count == 1 ? "entry" : "entries")}, numbered from 0: there is no [{entry}] (give the whole list to add one)");
                }
                walked += $"[{entry}]";
                if (last && e == step.Entries.Length - 1)
                {
                    YamlNode value = ParseValue();
                    source.MarkOverride(value, Origin);
                    list.Children[entry] = value;
                    return;
                }
                next = list.Children[entry];
            }
            if (next is not YamlMappingNode mapping)
            {
                throw new ScenarioException(Origin, walked, "is a value, not a section: it has no keys to set");
            }
            current = mapping;
        }
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
