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
        string where = manyGrids ? $" at {Label(best)}" : "";
        string title = allAlike
            ? $"No traffic.noise: every month alike; {Engine.OracleBound.Label(best.Policy)}{where} saves {Pct(best.SavingsFraction!.P50)}"
            : $"{Engine.OracleBound.Label(best.Policy)}{where} saves the most of the deployable policies: median {Pct(best.SavingsFraction!.P50)} " +
              $"(P5 {Pct(best.SavingsFraction!.P5)}, P95 {Pct(best.SavingsFraction!.P95)})";
        string xLabel = $"savings against all-API ({runs:N0} months a line" + (axis is null ? ")" : $"; grid: {axis})");
        Plot plot = ChartStyle.NewPlot(title, xLabel, "share of months saving less");
        for (int i = 0; i < Math.Min(groups.Count, MaxLines); i++)
        {
            SweepGroup g = groups[i];
            double[] xs = [.. g.SortedSavingsFractions.Select(v => v * 100)];
            double[] ys = [.. Enumerable.Range(0, xs.Length).Select(k => (k + 0.5) / xs.Length)];
            Color color = ChartStyle.Color(policies.IndexOf(g.Policy));
            var line = plot.Add.ScatterLine(xs, ys, color);
            line.LineWidth = 3;
            line.LinePattern = GridPatterns[grids.IndexOf(g.GridIndex) % GridPatterns.Length];
            line.LegendText = manyGrids ? $"{Engine.OracleBound.Label(g.Policy)} · {Label(g)}" : Engine.OracleBound.Label(g.Policy);
            var marks = plot.Add.Scatter(
                [g.SavingsFraction!.P5 * 100, g.SavingsFraction!.P50 * 100, g.SavingsFraction!.P95 * 100], new[] { 0.05, 0.5, 0.95 }, color);
            marks.LineWidth = 0;
            marks.MarkerSize = 14;
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v.ToString("0.#", CultureInfo.InvariantCulture) + " %" };
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [new Tick(0, "0"), new Tick(0.05, "P5"), new Tick(0.25, "25 %"), new Tick(0.5, "P50"), new Tick(0.75, "75 %"), new Tick(0.95, "P95"), new Tick(1, "100 %")]);
        plot.Axes.SetLimitsY(0, 1);
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>
    /// Each grid point's label for the legend and title. On a one-axis grid that is just the value,
    /// with the axis's key returned once for the axis label; otherwise the whole label.
    /// </summary>
    private static (string? Axis, Dictionary<int, string> Labels) GridLabels(IReadOnlyList<SweepGroup> groups)
    {
        var points = groups.GroupBy(g => g.GridIndex).ToDictionary(p => p.Key, p => p.First().Grid);
        string[] keys = [.. points.Values.Select(l => l.Count(c => c == '=') == 1 ? l[..l.IndexOf('=')] : "").Distinct()];
        if (points.Count > 1 && keys is [{ Length: > 0 } key])
        {
            return (key, points.ToDictionary(p => p.Key, p => p.Value[(key.Length + 1)..]));
        }
        return (null, points);
    }
}
