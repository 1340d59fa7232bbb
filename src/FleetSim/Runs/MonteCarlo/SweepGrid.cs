using FleetSim.Scenario;

namespace FleetSim.Runs.MonteCarlo;

/// <summary>
/// The parameter grid of a sweep: each <c>--set key.path=v1,v2,...</c> is an axis, and the grid is
/// every combination, in the order the axes and values were given (the first axis varies slowest).
/// </summary>
public sealed class SweepGrid
{
    private readonly List<(string Key, string[] Values)> _axes = [];

    public SweepGrid(IEnumerable<string> sets)
    {
        foreach (string set in sets)
        {
            ScenarioOverride parsed = ScenarioOverride.Parse(set);
            string[] values = SplitTopLevel(parsed.Value);
            if (values.Any(v => v.Trim().Length == 0))
            {
                throw new ScenarioException(parsed.Origin, parsed.KeyPath, "has an empty value in its list");
            }
            _axes.Add((parsed.KeyPath, values));
        }
        Points = Expand();
    }

    /// <summary>Every combination: the overrides of each grid point and a label like "fleet.replicas=6 api.usd_per_million_tokens=0.4".</summary>
    public IReadOnlyList<GridPoint> Points { get; }

    private List<GridPoint> Expand()
    {
        var points = new List<GridPoint> { new(0, [], []) };
        foreach (var (key, values) in _axes)
        {
            var next = new List<GridPoint>();
            foreach (GridPoint p in points)
            {
                foreach (string v in values)
                {
                    var o = new ScenarioOverride(key, v.Trim());
                    next.Add(new GridPoint(next.Count, [.. p.Overrides, o], values.Length > 1 ? [.. p.Varied, o] : p.Varied));
                }
            }
            points = next;
        }
        return points;
    }

    /// <summary>Splits "a,b,[c,d]" at the commas that are not inside brackets or braces.</summary>
    public static string[] SplitTopLevel(string text)
    {
        var parts = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is '[' or '{')
            {
                depth++;
            }
            else if (c is ']' or '}')
            {
                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }
        parts.Add(text[start..]);
        return [.. parts];
    }
}

/// <summary>One combination of the grid: all its overrides, and those of the axes that vary (which name it).</summary>
public sealed record GridPoint(int Index, IReadOnlyList<ScenarioOverride> Overrides, IReadOnlyList<ScenarioOverride> Varied)
{
    public string Label => Varied.Count == 0 ? "base" : string.Join(" ", Varied.Select(o => $"{o.KeyPath}={o.Value}"));
}
