using System.Globalization;
using FleetSim.Economics;
using FleetSim.Runs;
using FleetSim.Units;
using ScottPlot;

namespace FleetSim.Reporting.Charts;

/// <summary>
/// tiers.png: savings % against monthly API spend (log axis) per column, and on the right axis the
/// midpoints the verdict compares: managed endpoints (no team) and bare GPUs after salaries.
/// </summary>
public static class TiersChart
{
    /// <summary>The chart, titled with the spend from which the verdict first leaves the API.</summary>
    public static Plot Draw(IReadOnlyList<TierRow> rows)
    {
        string managed = TierVerdict.Name(TierOption.Managed), bare = TierVerdict.Name(TierOption.BareGpus);
        TierRow? first = rows.FirstOrDefault(r => r.Cheaper != TierVerdict.Name(TierOption.Api));
        TierRow? firstBare = rows.FirstOrDefault(r => r.Cheaper == bare);
        string From(TierRow r) => new Usd(r.MonthlySpend).ToShortString();
        string title = first is null ? "At no spend level do rented GPUs beat the API"
            : firstBare is null ? $"Managed endpoints beat the API from {From(first)}/month"
            : first == firstBare ? $"Bare GPUs and their team beat the API from {From(first)}/month"
            : $"Managed endpoints beat the API from {From(first)}/month; bare GPUs and a team from {From(firstBare)}";
        Plot plot = ChartStyle.NewPlot(title, "monthly API spend (log scale)", "savings against all-API");
        double[] xs = [.. rows.Select(r => Math.Log10(r.MonthlySpend))];
        void Column(string name, Func<TierRow, TierCell> cell, int colour)
        {
            double[] ys = [.. rows.Select(r => (cell(r).SavingsFraction ?? 0) * 100)];
            var line = plot.Add.Scatter(xs, ys, ChartStyle.Color(colour));
            line.LineWidth = 3;
            line.MarkerSize = 10;
            line.LegendText = $"{name} (0 = no node)";
        }
        Column("floor-sized", r => r.Floor, 0);
        Column("best autoscaling", r => r.Best, 1);
        Column("aggressive", r => r.Aggressive, 2);

        void Net(string name, Func<TierRow, (double Low, double High)> range, int colour, LinePattern pattern)
        {
            var net = plot.Add.Scatter(xs, [.. rows.Select(r => (range(r).Low + range(r).High) / 2)], ChartStyle.Color(colour));
            net.Axes.YAxis = plot.Axes.Right;
            net.LineWidth = 3;
            net.LinePattern = pattern;
            net.MarkerSize = 10;
            net.LegendText = $"{name}, midpoint per year (right axis)";
        }
        Net($"{managed}, no team", r => (r.ManagedAnnualLow, r.ManagedAnnualHigh), 5, LinePattern.Dashed);
        Net($"{bare} after salaries", r => (r.BareNetAnnualLow, r.BareNetAnnualHigh), 4, LinePattern.Dotted);
        plot.Axes.Right.Label.Text = "net $ per year";
        plot.Axes.Right.Label.FontSize = 24;
        plot.Axes.Right.TickLabelStyle.FontSize = 20;
        plot.Axes.Right.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => new Usd(v).ToShortString() };
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. rows.Select(r => new Tick(Math.Log10(r.MonthlySpend), new Usd(r.MonthlySpend).ToShortString()))]);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v.ToString("0", CultureInfo.InvariantCulture) + " %" };
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }
}
