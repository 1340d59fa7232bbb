using FleetSim.Scenario;

namespace FleetSim.Tests.Scenario;

/// <summary>
/// Every key the scenario reader accepts, found by asking the reader itself: each section is given a
/// key it cannot know, and the reader's refusal ("unknown key; allowed here: a, b, c") lists what that
/// section allows. Each allowed key is then tried as a section (and as a list of sections) to find the
/// sections inside it, down to the leaves. The keys are the reader's own lists, with no copy to drift.
/// </summary>
/// <remarks>
/// Some sections are read only in some scenarios (the trace keys beside <c>traffic.trace</c>,
/// <c>hourly_percentiles</c> without <c>hourly</c>), so the probe starts from several valid scenarios
/// and takes the union. Paths are dotted; a key of a list item is written under the list's key
/// (<c>api.outages.start_hour</c>).
/// </remarks>
internal static class ScenarioKeyProbe
{
    private const string Probe = "zz_not_a_key";
    private const string AllowedMarker = "allowed here: ";

    /// <summary>All dotted key paths the reader accepts, starting from each of <paramref name="scenarios"/>.</summary>
    /// <param name="scenarios">Valid scenarios as (YAML text, file name); relative files are found beside the file name.</param>
    public static SortedSet<string> Keys(IEnumerable<(string Yaml, string FileName)> scenarios)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (yaml, fileName) in scenarios)
        {
            Explore(yaml, fileName, "", keys);
        }
        return keys;
    }

    private static void Explore(string yaml, string fileName, string path, SortedSet<string> keys)
    {
        IReadOnlyList<string>? allowed = AllowedInSection(yaml, fileName, path);
        if (allowed is null)
        {
            return;
        }
        foreach (string key in allowed)
        {
            string child = path.Length == 0 ? key : $"{path}.{key}";
            keys.Add(child);
            if (AllowedInSection(yaml, fileName, child) is not null)
            {
                Explore(yaml, fileName, child, keys);
            }
            else if (AllowedInListItem(yaml, fileName, child) is { } itemKeys)
            {
                keys.UnionWith(itemKeys.Select(k => $"{child}.{k}"));
            }
        }
    }

    /// <summary>The keys the section at <paramref name="path"/> allows, or null when the reader does not read it as a section here.</summary>
    private static IReadOnlyList<string>? AllowedInSection(string yaml, string fileName, string path)
    {
        string probePath = path.Length == 0 ? Probe : $"{path}.{Probe}";
        // Added beside the section's own keys when it is there (so it stays valid), or as the only key of a new one.
        IReadOnlyList<string>? allowed = Refusal(yaml, fileName, new ScenarioOverride(probePath, "1"), probePath);
        if (allowed is null && path.Length > 0)
        {
            // The key holds a plain value in this scenario: replace the value by a section.
            allowed = Refusal(yaml, fileName, new ScenarioOverride(path, $"{{{Probe}: 1}}"), probePath);
        }
        return allowed;
    }

    private static IReadOnlyList<string>? AllowedInListItem(string yaml, string fileName, string path) =>
        Refusal(yaml, fileName, new ScenarioOverride(path, $"[{{{Probe}: 1}}]"), $"{path}[0].{Probe}");

    /// <summary>The reader's allowed-key list when it refuses the probe key at <paramref name="probePath"/>; null on any other outcome.</summary>
    private static IReadOnlyList<string>? Refusal(string yaml, string fileName, ScenarioOverride change, string probePath)
    {
        try
        {
            ScenarioLoader.Parse(yaml, fileName, "probe", [change]);
            return null;
        }
        catch (ScenarioException e) when (e.KeyPath == probePath && e.Problem.StartsWith("unknown key", StringComparison.Ordinal))
        {
            int at = e.Problem.IndexOf(AllowedMarker, StringComparison.Ordinal);
            return at < 0 ? null : e.Problem[(at + AllowedMarker.Length)..].Split(", ");
        }
        catch (ScenarioException)
        {
            return null;
        }
    }
}
