using FleetSim.Scenario;
using FleetSim.Units;

namespace FleetSim.Traffic;

/// <summary>
/// Builds the deterministic minute-by-minute demand of a scenario: the daily shape (given or fitted),
/// times the weekday or weekend factor, scaled so the horizon carries exactly its share of the monthly
/// volume. Within an hour the rate is constant, so hourly statistics are exactly those of the shape.
/// </summary>
public static class DemandBuilder
{
    public static DemandSeries Build(TrafficSpec traffic, Hours horizon)
    {
        int hours = (int)Math.Ceiling(horizon.Value - 1e-9);
        int minutes = horizon.WholeMinutes;
        double targetTokens = traffic.MonthlyProcessedTokens * horizon.Value / Hours.Month.Value;
        var warnings = new List<string>();

        var dayFactor = new double[hours];
        var hourWeights = new double[24];
        for (int h = 0; h < hours; h++)
        {
            dayFactor[h] = Calendar.IsWeekend(h) ? traffic.WeekendFactor : traffic.WeekdayFactor;
            int minutesInHour = Math.Min(60, minutes - h * 60);
            hourWeights[Calendar.HourOfDay(h)] += dayFactor[h] * minutesInHour;
        }

        if (traffic.DailyShape is TraceShape trace)
        {
            return new DemandSeries(trace.Profile.Tiled(minutes, targetTokens), warnings);
        }
        double[] levels = traffic.DailyShape switch
        {
            HourlyShape given => [.. given.Levels],
            PercentileShape fit => FitLevels(fit, hourWeights, targetTokens / (horizon.Value * 3600.0), warnings),
            _ => throw new NotSupportedException(traffic.DailyShape.GetType().Name),
        };

        var rate = new double[minutes];
        double sum = 0;
        for (int m = 0; m < minutes; m++)
        {
            int h = m / 60;
            rate[m] = levels[Calendar.HourOfDay(h)] * dayFactor[h];
            sum += rate[m];
        }
        double scale = targetTokens / (sum * 60.0);
        for (int m = 0; m < minutes; m++)
        {
            rate[m] *= scale;
        }
        return new DemandSeries(rate, warnings);
    }

    /// <summary>
    /// The month that actually comes: the average series with the scenario's noise, growth and bursts
    /// drawn from <paramref name="seed"/>; the average itself when the traffic has none.
    /// </summary>
    public static DemandSeries Realize(DemandSeries average, NoiseSpec noise, int seed)
    {
        if (!noise.IsRandom && noise.GrowthPerMonth == 0)
        {
            return average;
        }
        var month = new double[average.Minutes];
        new NoisyDemand(average, noise).Fill(NoiseStream(seed), month);
        return new DemandSeries(month, average.Warnings);
    }

    /// <summary>The random stream a run's traffic noise is drawn from (apart from the engines' own streams).</summary>
    public static Random NoiseStream(int seed) => new Kernels.VectorRandom(NoiseSeed(seed));

    /// <summary>The noise generator's seed for a run's seed (a sweep reseeds one generator with it).</summary>
    public static ulong NoiseSeed(int seed) => unchecked((ulong)seed * 0x9E3779B97F4A7C15UL) ^ 0x5EEDUL;

    private static double[] FitLevels(PercentileShape fit, double[] hourWeights, double targetMean, List<string> warnings)
    {
        DailyProfileFit.Result result = DailyProfileFit.Fit(fit, hourWeights, targetMean);
        if (result.Warning is not null)
        {
            warnings.Add(result.Warning);
        }
        return result.Levels;
    }
}
