using FleetSim.Scenario;

namespace FleetSim.Traffic;

/// <summary>
/// Fits 24 hourly levels (tok/s) to the percentiles a gateway reports (trough, P50, P90, P99 of hourly
/// means) and to the mean that the monthly volume implies.
/// </summary>
/// <remarks>
/// The 24 levels are built in sorted order: the lowest is the trough, the 12th and 13th are P50 (the
/// median of hours falls between them), the 22nd is P90, the 24th P99, the 23rd halfway between P90
/// and P99, and P50→P90 rises linearly. The ten levels between the trough and P50 follow
/// trough + (P50 − trough)·(i/11)^a, and <c>a</c> is found by bisection so that the month's mean
/// equals the monthly volume: that one free exponent absorbs the mean constraint. The sorted levels
/// are then laid around the peak hour, alternating either side of it, so the day has one smooth
/// hump and the trough falls twelve hours after the peak.
/// </remarks>
public static class DailyProfileFit
{
    /// <summary>The fitted levels by hour of day, and a warning when the mean could not be matched.</summary>
    public sealed record Result(double[] Levels, double Exponent, string? Warning);

    /// <param name="shape">The percentile targets.</param>
    /// <param name="hourWeights">How much each hour of day counts in the horizon's mean (days present × day factor).</param>
    /// <param name="targetMean">The mean hourly rate (tok/s) the monthly volume implies.</param>
    public static Result Fit(PercentileShape shape, ReadOnlySpan<double> hourWeights, double targetMean)
    {
        double[] weights = hourWeights.ToArray();
        double Mean(double a) => WeightedMean(Arrange(SortedLevels(shape, a), shape.PeakHour), weights);

        const double aLow = 1e-3, aHigh = 1e3;
        double highest = Mean(aLow), lowest = Mean(aHigh);
        double exponent;
        string? warning = null;
        if (targetMean >= highest || targetMean <= lowest)
        {
            exponent = targetMean >= highest ? aLow : aHigh;
            double implied = targetMean >= highest ? highest : lowest;
            warning = $"traffic: the hourly percentiles imply a mean of at {(targetMean >= highest ? "most" : "least")} " +
                      $"{implied:N0} tok/s, but monthly_processed_tokens needs {targetMean:N0} tok/s; " +
                      $"the shape is scaled to the volume, so its percentiles are {Math.Abs(targetMean / implied - 1):P1} off the targets";
        }
        else
        {
            double lo = Math.Log(aLow), hi = Math.Log(aHigh);
            for (int i = 0; i < 200 && hi - lo > 1e-12; i++)
            {
                double mid = 0.5 * (lo + hi);
                if (Mean(Math.Exp(mid)) > targetMean)
                {
                    lo = mid; // mean falls as the exponent rises
                }
                else
                {
                    hi = mid;
                }
            }
            exponent = Math.Exp(0.5 * (lo + hi));
        }
        return new Result(Arrange(SortedLevels(shape, exponent), shape.PeakHour), exponent, warning);
    }

    internal static double[] SortedLevels(PercentileShape s, double a)
    {
        var v = new double[24];
        v[0] = s.Trough;
        for (int i = 1; i <= 10; i++)
        {
            v[i] = s.Trough + (s.P50 - s.Trough) * Math.Pow(i / 11.0, a);
        }
        v[11] = s.P50;
        v[12] = s.P50;
        for (int k = 1; k <= 8; k++)
        {
            v[12 + k] = s.P50 + (s.P90 - s.P50) * k / 9.0;
        }
        v[21] = s.P90;
        v[22] = 0.5 * (s.P90 + s.P99);
        v[23] = s.P99;
        return v;
    }

    /// <summary>Lays sorted levels around the peak: highest at the peak, then alternately before and after it.</summary>
    internal static double[] Arrange(double[] sortedAscending, int peakHour)
    {
        var levels = new double[24];
        for (int rank = 0; rank < 24; rank++)
        {
            int step = (rank + 1) / 2;
            int offset = rank % 2 == 1 ? -step : step;
            levels[((peakHour + offset) % 24 + 24) % 24] = sortedAscending[23 - rank];
        }
        return levels;
    }

    private static double WeightedMean(double[] levels, double[] weights)
    {
        double sum = 0, w = 0;
        for (int h = 0; h < 24; h++)
        {
            sum += levels[h] * weights[h];
            w += weights[h];
        }
        return sum / w;
    }
}
