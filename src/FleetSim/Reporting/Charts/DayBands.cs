using FleetSim.Traffic;
using ScottPlot;

namespace FleetSim.Reporting.Charts;

/// <summary>Demand by hour of day across days: the P10–P90 band and the median, computed and drawn one way for every chart.</summary>
internal static class DayBands
{
    /// <summary>P10, P50 and P90 of each hour of day over the days of <paramref name="hourly"/> (hour 0 first; NaN hours, not covered, left out).</summary>
    public static (double[] Low, double[] Mid, double[] High) Of(double[] hourly)
    {
        var low = new double[24];
        var mid = new double[24];
        var high = new double[24];
        for (int h = 0; h < 24; h++)
        {
            double[] same = [.. hourly.Where((v, i) => i % 24 == h && !double.IsNaN(v))];
            Array.Sort(same);
            if (same.Length > 0)
            {
                (low[h], mid[h], high[h]) = (Percentile.OfSorted(same, 0.1), Percentile.OfSorted(same, 0.5), Percentile.OfSorted(same, 0.9));
            }
        }
        return (low, mid, high);
    }

    /// <summary>
    /// The band (only when it has width somewhere: one day, or days all alike, draw none, and so have no
    /// legend entry for it) and the median line.
    /// </summary>
    public static void Draw(Plot plot, double[] xs, double[] low, double[] mid, double[] high, string bandLabel, string medianLabel)
    {
        double peak = Math.Max(1e-9, high.Max());
        if (Enumerable.Range(0, xs.Length).Any(i => high[i] - low[i] > peak * 1e-3))
        {
            var band = plot.Add.FillY(xs, low, high);
            band.FillColor = ChartStyle.DemandColor.WithAlpha(0.18);
            band.LineWidth = 0;
            band.LegendText = bandLabel;
        }
        var median = plot.Add.ScatterLine(xs, mid, ChartStyle.DemandColor);
        median.LineWidth = 4;
        median.LegendText = medianLabel;
    }
}
