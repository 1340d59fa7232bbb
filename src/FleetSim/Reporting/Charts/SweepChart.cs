using System.Globalization;
using FleetSim.Runs.MonteCarlo;
using ScottPlot;

namespace FleetSim.Reporting.Charts;

/// <summary>
/// sweep.png: the distribution (CDF) of savings per policy and grid point, P5/P50/P95 marked. A
/// policy keeps its colour at every grid point and a grid point its line pattern under every policy,
/// so a 3 × 3 sweep reads as three colours and three patterns rather than nine unrelated lines.
/// </summary>
public static class SweepChart
{
    private const int MaxLines = 12;

    private static readonly LinePattern[] GridPatterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    /// <summary>
    /// One CDF of savings (%) per group, at most twelve, in the group's policy colour and its grid point's
    /// pattern, with P5/P50/P95 marked; the legend names each policy and each grid point once.
    /// </summary>
    public static Plot Draw(IReadOnlyList<SweepGroup> groups)
    {
        // A grid point with no demand has no savings share to draw (SweepGroup.SavingsFraction is null).
        groups = [.. groups.Where(g => g.SavingsFraction is not null)];
        if (groups.Count == 0)
        {
            return ChartStyle.NewPlot("No demand in any month: no savings share to draw", "savings against all-API", "share of months saving less");
        }
        SweepGroup best = groups.Where(g => g.Policy != Engine.OracleBound.Name).MaxBy(g => g.SavingsFraction!.P50) ?? groups[0];
        int runs = groups.Max(g => g.Runs);
        string Pct(double v) => Percent.Format(v);
        bool allAlike = groups.All(g => g.SavingsFraction!.P95 - g.SavingsFraction!.P5 < 1e-9);
        List<string> policies = [.. groups.Select(g => g.Policy).Distinct()];
        List<int> grids = [.. groups.Select(g => g.GridIndex).Distinct()];
        bool manyGrids = grids.Count > 1;
        var (axis, labels) = GridLabels(groups);
        string Label(SweepGroup g) => labels[g.GridIndex];
        string where = !manyGrids ? "" : axis is not null && !axis.Contains(" · ") ? $" at {Label(best)}" : $" at {best.Grid}";
        string title = allAlike
            ? $"No traffic.noise: every month alike; {Engine.OracleBound.Label(best.Policy)}{where} saves {Pct(best.SavingsFraction!.P50)}"
            : $"{Engine.OracleBound.Label(best.Policy)}{where} saves the most of the deployable policies: median {Pct(best.SavingsFraction!.P50)} " +
              $"(P5 {Pct(best.SavingsFraction!.P5)}, P95 {Pct(best.SavingsFraction!.P95)})";
        // At most MaxLines lines are drawn, in the groups' order; the legend lists only what is drawn.
        SweepGroup[] drawn = [.. groups.Take(MaxLines)];
        string leftOut = drawn.Length < groups.Count ? $"; the first {drawn.Length} of {groups.Count} lines" : "";
        string xLabel = $"savings against all-API ({runs:N0} months a line{leftOut}" + (axis is null ? ")" : $"; grid: {axis})");
        Plot plot = ChartStyle.NewPlot(title, xLabel, "share of months saving less");
        Color[] colours = ChartPalette.For(policies);
        foreach (SweepGroup g in drawn)
        {
            double[] xs = [.. g.SortedSavingsFractions.Select(v => v * 100)];
            double[] ys = [.. Enumerable.Range(0, xs.Length).Select(k => (k + 0.5) / xs.Length)];
            int policy = policies.IndexOf(g.Policy);
            Color color = colours[policy];
            var line = plot.Add.ScatterLine(xs, ys, color);
            // Policies whose months save alike draw on top of each other: earlier policies wider, so each shows.
            line.LineWidth = ChartStyle.Overlapping(policy, policies.Count).Width;
            line.LinePattern = GridPatterns[grids.IndexOf(g.GridIndex) % GridPatterns.Length];
            var marks = plot.Add.Scatter(
                [g.SavingsFraction!.P5 * 100, g.SavingsFraction!.P50 * 100, g.SavingsFraction!.P95 * 100], new[] { 0.05, 0.5, 0.95 }, color);
            marks.LineWidth = 0;
            marks.MarkerSize = 14;
        }
        // The legend names each colour (a policy) once and, on a grid, each pattern (a grid point) once.
        foreach (int p in Enumerable.Range(0, policies.Count).Where(p => drawn.Any(g => g.Policy == policies[p])))
        {
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = Engine.OracleBound.Label(policies[p]),
                LineColor = colours[p],
                LineWidth = 3,
                MarkerShape = MarkerShape.FilledCircle,
                MarkerColor = colours[p],
                MarkerSize = 12,
            });
        }
        if (manyGrids)
        {
            foreach (int grid in grids.Where(grid => drawn.Any(g => g.GridIndex == grid)))
            {
                plot.Legend.ManualItems.Add(new LegendItem
                {
                    LabelText = ChartStyle.Wrap(labels[grid], ChartStyle.LegendLineChars),
                    LineColor = ChartPalette.Key,
                    LineWidth = 3,
                    LinePattern = GridPatterns[grids.IndexOf(grid) % GridPatterns.Length],
                });
            }
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v.ToString("0.#", CultureInfo.InvariantCulture) + " %" };
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [new Tick(0, "0"), new Tick(0.05, "P5"), new Tick(0.25, "25 %"), new Tick(0.5, "P50"), new Tick(0.75, "75 %"), new Tick(0.95, "P95"), new Tick(1, "100 %")]);
        double[] all = [.. drawn.SelectMany(g => g.SortedSavingsFractions).Select(v => v * 100)];
        double span = Math.Max(all.Max() - all.Min(), 1);
        plot.Axes.SetLimits(all.Min() - (span * 0.04), all.Max() + (span * 0.04), 0, 1);
        ChartStyle.LegendOutside(plot);
        ChartStyle.Fit(plot);
        return plot;
    }

    /// <summary>
    /// Each grid point's label for the legend and title, and the axis keys for the x-axis label. When every
    /// grid point varies the same keys (one axis or several), a point is labelled by its values alone
    /// ("0.4", or "400B · 4") and the keys are returned once; otherwise each point keeps its whole label.
    /// </summary>
    private static (string? Axis, Dictionary<int, string> Labels) GridLabels(IReadOnlyList<SweepGroup> groups)
    {
        var points = groups.GroupBy(g => g.GridIndex).ToDictionary(p => p.Key, p => p.First().Grid);
        var split = points.ToDictionary(p => p.Key, p => Settings(p.Value));
        string[] keys = [.. split.Values.Select(s => string.Join(" · ", s.Select(kv => kv.Key))).Distinct()];
        if (points.Count > 1 && keys is [{ Length: > 0 } key])
        {
            return (key, split.ToDictionary(p => p.Key, p => string.Join(" · ", p.Value.Select(kv => kv.Value))));
        }
        return (null, points);
    }

    /// <summary>A grid label's settings, "key.path=value key.path=value" (as SweepGrid writes it), in order; empty when it does not read as that.</summary>
    private static List<KeyValuePair<string, string>> Settings(string label)
    {
        var starts = System.Text.RegularExpressions.Regex.Matches(label, @"(?:^| )([A-Za-z_][A-Za-z0-9_.]*)=");
        var result = new List<KeyValuePair<string, string>>();
        if (starts.Count == 0 || starts[0].Index != 0)
        {
            return result;
        }
        for (int i = 0; i < starts.Count; i++)
        {
            int valueStart = starts[i].Index + starts[i].Length;
            int valueEnd = i + 1 < starts.Count ? starts[i + 1].Index : label.Length;
            result.Add(new(starts[i].Groups[1].Value, label[valueStart..valueEnd]));
        }
        return result;
    }
}
