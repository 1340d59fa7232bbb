using System.Globalization;
using FleetSim.Engine;
using FleetSim.Runs;
using ScottPlot;

namespace FleetSim.Reporting.Charts;

/// <summary>utilization.png: each policy's hourly fleet utilization over a representative week, against the break-even line.</summary>
public static class UtilizationChart
{
    /// <summary>
    /// Each run's hourly utilization (served ÷ serving capacity, %) over the first week, a gap where no
    /// replica serves, against the break-even line at <paramref name="breakEvenUtilization"/> (a fraction,
    /// 0–1); the y-axis fitted to the data and the line (<see cref="ChartStyle.Fitted"/>).
    /// </summary>
    public static Plot Draw(PolicyComparison comparison, double breakEvenUtilization)
    {
        var (from, to) = TimelineChart.Week(comparison.Demand.Minutes);
        int hours = (to - from) / 60;
        double throughput = comparison.Scenario.Replica.Throughput.Value;
        PolicyResult best = comparison.Headline;
        string Pct(double v) => v.ToString("0 %", CultureInfo.InvariantCulture);
        Plot plot = ChartStyle.NewPlot(
            $"Replicas pay for themselves above {Pct(breakEvenUtilization)} busy; {best.Label} runs at {Pct(best.Utilization)}",
            "day of the week", "fleet utilization (served ÷ serving capacity)");
        double[] xs = [.. Enumerable.Range(0, hours).Select(h => h + 0.5)];
        Color[] colours = ChartPalette.For([.. comparison.Runs.Select(r => r.Policy)]);
        double low = breakEvenUtilization * 100, high = breakEvenUtilization * 100;
        for (int i = 0; i < comparison.Runs.Count; i++)
        {
            PolicyResult run = comparison.Runs[i];
            var util = new double[hours];
            for (int h = 0; h < hours; h++)
            {
                double served = 0, capacity = 0;
                for (int m = from + h * 60; m < from + (h + 1) * 60; m++)
                {
                    served += run.Served[m];
                    capacity += run.Serving[m] * throughput;
                }
                // An hour with no replica serving has no utilization: a gap, not 0 %.
                util[h] = capacity > 0 ? served / capacity * 100 : double.NaN;
            }
            var line = plot.Add.ScatterLine(xs, util, colours[i]);
            ChartStyle.Distinguish(line, i, comparison.Runs.Count);
            line.LegendText = run.Label;
            foreach (double u in util.Where(u => !double.IsNaN(u)))
            {
                (low, high) = (Math.Min(low, u), Math.Max(high, u));
            }
        }
        var breakEven = plot.Add.HorizontalLine(breakEvenUtilization * 100, 3, ChartStyle.DemandColor, LinePattern.Dashed);
        breakEven.LegendText = $"break-even {Pct(breakEvenUtilization)}";
        string[] days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, hours / 24 + 1).Select(d => new Tick(d * 24.0, d < 7 ? days[d] : ""))]);
        ChartStyle.PercentAxis(plot);
        // Fitted to the data and the break-even line, in whole 5 %, within 0–100 % unless a value passes 100 %.
        var (bottom, top) = ChartStyle.Fitted(low, high, 5, floor: 0, ceiling: 100);
        plot.Axes.SetLimits(0, hours, bottom, top);
        ChartStyle.LegendOutside(plot);
        ChartStyle.Fit(plot);
        return plot;
    }
}
