using System.Globalization;
using FleetSim.Engine.MonteCarlo;
using ScottPlot;

namespace FleetSim.Reporting.Charts;

/// <summary>sweep.png: the distribution (CDF) of savings per policy and grid point, P5/P50/P95 marked.</summary>
public static class SweepChart
{
    private const int MaxLines = 12;

    public static Plot Draw(IReadOnlyList<SweepGroup> groups)
    {
        SweepGroup best = groups.MaxBy(g => g.SavingsFraction.P50)!;
        int runs = groups.Max(g => g.Runs);
        string Pct(double v) => v.ToString("0.0 %", CultureInfo.InvariantCulture);
        bool allAlike = groups.All(g => g.SavingsFraction.P95 - g.SavingsFraction.P5 < 1e-9);
        string title = allAlike
            ? $"No traffic.noise in this scenario: all {runs:N0} months alike; {best.Policy} saves {Pct(best.SavingsFraction.P50)}"
            : $"Over {runs:N0} months {best.Policy} saves a median {Pct(best.SavingsFraction.P50)} " +
              $"(P5 {Pct(best.SavingsFraction.P5)}, P95 {Pct(best.SavingsFraction.P95)})";
        Plot plot = ChartStyle.NewPlot(title, "savings against all-API", "share of months saving less");
        bool manyGrids = groups.Select(g => g.GridIndex).Distinct().Count() > 1;
        for (int i = 0; i < Math.Min(groups.Count, MaxLines); i++)
        {
            SweepGroup g = groups[i];
            double[] xs = [.. g.SortedSavingsFractions.Select(v => v * 100)];
            double[] ys = [.. Enumerable.Range(0, xs.Length).Select(k => (k + 0.5) / xs.Length)];
            Color color = ChartStyle.Color(i);
            var line = plot.Add.ScatterLine(xs, ys, color);
            line.LineWidth = 3;
            line.LegendText = manyGrids ? $"{g.Policy} · {g.Grid}" : g.Policy;
            var marks = plot.Add.Scatter(
                [g.SavingsFraction.P5 * 100, g.SavingsFraction.P50 * 100, g.SavingsFraction.P95 * 100], new[] { 0.05, 0.5, 0.95 }, color);
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
}
