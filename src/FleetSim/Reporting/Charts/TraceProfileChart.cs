using FleetSim.Traffic;
using FleetSim.Traffic.Traces;
using ScottPlot;

namespace FleetSim.Reporting.Charts;

/// <summary>profile.png: a trace's demand by hour of day, P10–P90 band across its days and the median.</summary>
public static class TraceProfileChart
{
    /// <summary>
    /// Hours 0–23 of the trace's clock in tok/s: the P10–P90 band across its days (none for one day or
    /// days all alike, and then no legend entry for it) and the median day.
    /// </summary>
    public static Plot Draw(TraceProfile profile)
    {
        var (low, mid, high) = DayBands.Of(profile.HourlyMeans());
        // The title's swing is the summary's: peak over trough of the hour-of-day means.
        double[] day = profile.HourOfDayMeans();
        string swing = day.Any(double.IsNaN) ? "demand by hour of day (less than a day)"
            : day.Min() > 0 ? $"demand swings {day.Max() / day.Min():0.0}× over the day" : "demand by hour of day (some hours idle)";
        string hourZero = profile.Clock.LocalStart is null ? "hour 0 = the trace's first hour" : $"{profile.Clock.Zone} clock";
        Plot plot = ChartStyle.NewPlot(
            $"{System.IO.Path.GetFileName(profile.Path)}: {swing}",
            $"hour of day ({hourZero})", "processed tokens per second");
        double[] xs = [.. Enumerable.Range(0, 24).Select(h => (double)h)];
        bool oneDay = profile.HourlyMeans().Length <= 25;
        DayBands.Draw(plot, xs, low, mid, high, "P10–P90 of days", oneDay ? "the trace's one day" : "median day");
        ChartStyle.QuantityAxis(plot);
        plot.Axes.SetLimits(0, 23, 0, Math.Max(1, high.Max()) * 1.1);
        ChartStyle.LegendOutside(plot);
        ChartStyle.Fit(plot);
        return plot;
    }
}
