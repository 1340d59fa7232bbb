using FleetSim.Traffic;
using FleetSim.Traffic.Traces;
using ScottPlot;

namespace FleetSim.Reporting.Charts;

/// <summary>profile.png: a trace's demand by hour of day, P10–P90 band across its days and the median.</summary>
public static class TraceProfileChart
{
    public static Plot Draw(TraceProfile profile)
    {
        double[] hourly = profile.HourlyMeans();
        var low = new double[24];
        var mid = new double[24];
        var high = new double[24];
        for (int h = 0; h < 24; h++)
        {
            double[] same = [.. hourly.Where((_, i) => i % 24 == h)];
            Array.Sort(same);
            if (same.Length > 0)
            {
                (low[h], mid[h], high[h]) = (Percentile.OfSorted(same, 0.1), Percentile.OfSorted(same, 0.5), Percentile.OfSorted(same, 0.9));
            }
        }
        double trough = mid.Where(v => v > 0).DefaultIfEmpty(1).Min();
        Plot plot = ChartStyle.NewPlot(
            $"{System.IO.Path.GetFileName(profile.Path)}: demand swings {mid.Max() / trough:0.0}× over the day",
            "hour of day (hour 0 = the trace's first hour)", "processed tokens per second");
        double[] xs = [.. Enumerable.Range(0, 24).Select(h => (double)h)];
        var band = plot.Add.FillY(xs, low, high);
        band.FillColor = ChartStyle.DemandColor.WithAlpha(0.18);
        band.LineWidth = 0;
        band.LegendText = "P10–P90 of days";
        var median = plot.Add.ScatterLine(xs, mid, ChartStyle.DemandColor);
        median.LineWidth = 4;
        median.LegendText = "median day";
        ChartStyle.QuantityAxis(plot);
        plot.Axes.SetLimits(0, 23, 0, Math.Max(1, high.Max()) * 1.1);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }
}
