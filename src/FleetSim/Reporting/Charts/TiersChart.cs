using System.Globalization;
using FleetSim.Economics;
using FleetSim.Runs;
using FleetSim.Units;
using ScottPlot;

namespace FleetSim.Reporting.Charts;

/// <summary>tiers.png: savings % against monthly API spend (log axis) per column, and net-of-headcount annual savings.</summary>
public static class TiersChart
{
    public static Plot Draw(IReadOnlyList<TierRow> rows)
    {
        TierRow? first = rows.FirstOrDefault(r => r.NetAnnualLow > 0);
        string title = first is null
            ? "At no spend level do the savings pay for the engineers"
            : $"Self-hosting pays for its engineers from {new Usd(first.MonthlySpend).ToShortString()}/month of API spend";
        Plot plot = ChartStyle.NewPlot(title, "monthly API spend (log scale)", "savings against all-API");
        double[] xs = [.. rows.Select(r => Math.Log10(r.MonthlySpend))];
        void Column(string name, Func<TierRow, TierCell> cell, int colour)
        {
            double[] ys = [.. rows.Select(r => (cell(r).SavingsFraction ?? 0) * 100)];
            var line = plot.Add.Scatter(xs, ys, ChartStyle.Color(colour));
            line.LineWidth = 3;
            line.MarkerSize = 10;
            line.LegendText = $"{name} (0 = below one node)";
        }
        Column("floor-sized", r => r.Floor, 0);
        Column("best autoscaling", r => r.Best, 1);
        Column("aggressive", r => r.Aggressive, 2);

        var net = plot.Add.Scatter(xs, [.. rows.Select(r => (r.NetAnnualLow + r.NetAnnualHigh) / 2)], ChartStyle.Color(3));
        net.Axes.YAxis = plot.Axes.Right;
        net.LineWidth = 3;
        net.LinePattern = LinePattern.Dashed;
        net.MarkerSize = 10;
        net.LegendText = "net annual savings after salaries (right axis)";
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
