using FleetSim.Engine;
using FleetSim.Runs;
using FleetSim.Traffic;
using ScottPlot;

namespace FleetSim.Reporting.Charts;

/// <summary>daily-profile.png: demand by hour of day (P10–P90 band across days, and the median) against each policy's capacity.</summary>
public static class DailyProfileChart
{
    /// <summary>
    /// Hours 0–24 of day: demand's P10–P90 band across days (when days differ) and median, and each run's
    /// median-day capacity (replicas × the replica's tok/s) as steps in its policy's colour.
    /// </summary>
    public static Plot Draw(PolicyComparison comparison)
    {
        var (day, dayMid, dayHigh) = DayBands.Of(comparison.Demand.HourlyMeans());
        double[] low = [.. day, day[0]], mid = [.. dayMid, dayMid[0]], high = [.. dayHigh, dayHigh[0]];
        double peakToTrough = mid.Max() / Math.Max(1e-9, mid.Min());
        Plot plot = ChartStyle.NewPlot(
            $"Demand swings {peakToTrough:0.0}× over the day; how each policy's capacity follows it",
            "hour of day", "processed tokens per second");
        double[] hours = [.. Enumerable.Range(0, 25).Select(h => (double)h)];
        DayBands.Draw(plot, hours, low, mid, high, "demand, P10–P90 of days", "demand, median day");
        double throughput = comparison.Scenario.Replica.Throughput.Value;
        Color[] colours = ChartPalette.For([.. comparison.Runs.Select(r => r.Policy)]);
        double top = high.Max();
        for (int i = 0; i < comparison.Runs.Count; i++)
        {
            PolicyResult run = comparison.Runs[i];
            var capacity = new double[25];
            for (int h = 0; h < 24; h++)
            {
                double[] replicas = [.. Enumerable.Range(0, run.Serving.Length / 60).Where(k => k % 24 == h).Select(k => (double)run.Serving[k * 60 + 30])];
                Array.Sort(replicas);
                capacity[h] = Percentile.OfSorted(replicas, 0.5) * throughput;
            }
            capacity[24] = capacity[0];
            top = Math.Max(top, capacity.Max());
            var line = plot.Add.ScatterLine(hours, capacity, colours[i]);
            ChartStyle.Distinguish(line, i, comparison.Runs.Count);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LegendText = $"{run.Label} capacity (median day)";
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, 9).Select(k => new Tick(k * 3, $"{k * 3:00}:00"))]);
        ChartStyle.QuantityAxis(plot);
        // Fitted to what is drawn (the band and the median-day capacities), not to any minute's peak fleet.
        plot.Axes.SetLimits(0, 24, 0, Math.Max(top, 1) * 1.1);
        ChartStyle.LegendOutside(plot);
        ChartStyle.Fit(plot);
        return plot;
    }
}
