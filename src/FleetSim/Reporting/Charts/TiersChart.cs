using System.Globalization;
using FleetSim.Economics;
using FleetSim.Runs;
using FleetSim.Units;
using ScottPlot;

namespace FleetSim.Reporting.Charts;

/// <summary>
/// tiers.png: savings % against monthly API spend (log axis) per column, and on the right axis the
/// midpoints the verdict compares: managed endpoints (no team) and bare GPUs after salaries. The two
/// y-axes share their zero (<see cref="SharedZero"/>); a column whose fleet is below one node has no
/// point at that spend (a gap, not 0 %); spend labels too close to read apart are moved down a row.
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
        Color[] colours = ChartPalette.For(["floor", "best autoscaling", "aggressive", "managed", "bare GPUs"]);
        var left = new List<double> { 0 };
        var right = new List<double> { 0 };
        void Column(string name, Func<TierRow, TierCell> cell, int colour)
        {
            // A fleet below one node saves nothing because it is not there: NaN leaves a gap in the line.
            double[] ys = [.. rows.Select(r => (cell(r).SavingsFraction ?? double.NaN) * 100)];
            left.AddRange(ys.Where(y => !double.IsNaN(y)));
            var line = plot.Add.Scatter(xs, ys, colours[colour]);
            line.LineWidth = 3;
            line.MarkerSize = 10;
            line.LegendText = name;
        }
        Column("floor-sized", r => r.Floor, 0);
        Column("best autoscaling", r => r.Best, 1);
        Column("aggressive", r => r.Aggressive, 2);

        void Net(string name, Func<TierRow, (double Low, double High)> range, int colour, LinePattern pattern)
        {
            double[] ys = [.. rows.Select(r => (range(r).Low + range(r).High) / 2)];
            right.AddRange(ys);
            var net = plot.Add.Scatter(xs, ys, colours[colour]);
            net.Axes.YAxis = plot.Axes.Right;
            net.LineWidth = 3;
            net.LinePattern = pattern;
            net.MarkerSize = 10;
            net.MarkerShape = MarkerShape.FilledSquare;
            net.LegendText = $"{name} (right axis)";
        }
        Net($"{managed}, no team", r => (r.ManagedAnnualLow, r.ManagedAnnualHigh), 3, LinePattern.Dashed);
        Net($"{bare} after salaries", r => (r.BareNetAnnualLow, r.BareNetAnnualHigh), 4, LinePattern.Dotted);
        plot.Axes.Right.Label.Text = "net $ per year (midpoint of its range)";
        if (rows.Any(r => r.Floor.BelowOneNode || r.Best.BelowOneNode || r.Aggressive.BelowOneNode))
        {
            plot.Axes.Left.Label.Text += " (no point: below one node)";
        }
        plot.Axes.Right.Label.FontSize = 24;
        plot.Axes.Right.TickLabelStyle.FontSize = 20;
        plot.Axes.Right.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => new Usd(v).ToShortString() };
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. rows.Select(r => new Tick(Math.Log10(r.MonthlySpend), new Usd(r.MonthlySpend).ToShortString()))]);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v.ToString("0", CultureInfo.InvariantCulture) + " %" };
        var (leftLow, leftHigh, rightLow, rightHigh) = SharedZero(left.Min(), left.Max(), right.Min(), right.Max());
        plot.Axes.SetLimitsY(leftLow, leftHigh, plot.Axes.Left);
        plot.Axes.SetLimitsY(rightLow, rightHigh, plot.Axes.Right);
        double margin = xs.Length > 1 ? (xs.Max() - xs.Min()) * 0.04 : 0.1;
        plot.Axes.SetLimitsX(xs.Min() - margin, xs.Max() + margin);
        ChartStyle.LegendOutside(plot);
        ChartStyle.Fit(plot);
        return plot;
    }

    /// <summary>
    /// Limits for two y-axes that put both zeros at the same height: each axis spans its data (and 0),
    /// then the side below zero is stretched on both to the larger of the two axes' below-to-above ratios,
    /// and both are padded by the same 8 %. An axis with nothing above zero is given a tenth of its depth above.
    /// </summary>
    public static (double LeftLow, double LeftHigh, double RightLow, double RightHigh) SharedZero(
        double leftMin, double leftMax, double rightMin, double rightMax)
    {
        static (double Low, double High) AroundZero(double min, double max)
        {
            double low = Math.Min(0, min), high = Math.Max(0, max);
            return (low, high > 0 ? high : Math.Max(-low * 0.1, 1));
        }
        var (lLow, lHigh) = AroundZero(leftMin, leftMax);
        var (rLow, rHigh) = AroundZero(rightMin, rightMax);
        double below = Math.Max(-lLow / lHigh, -rLow / rHigh);
        const double Pad = 1.08;
        return (-below * lHigh * Pad, lHigh * Pad, -below * rHigh * Pad, rHigh * Pad);
    }
}
