using FleetSim.Scenario;
using FleetSim.Units;

namespace FleetSim.Traffic;

/// <summary>
/// Builds the deterministic minute-by-minute demand of a scenario: the daily shape (given or fitted),
/// times the weekday or weekend factor, scaled so the calendar carries exactly its share of the monthly
/// volume. Within an hour the rate is constant, so hourly statistics are exactly those of the shape.
/// </summary>
/// <remarks>
/// A horizon is a window of the calendar. The calendar is built over the reference period (the
/// horizon, or the 730-hour month when the horizon is shorter) exactly as a month is: the shape is
/// fitted and scaled over all of it, and the horizon is its first minutes. A 2-hour horizon is
/// therefore Monday 00:00–02:00 at the levels the month has there, carrying whatever those minutes
/// hold rather than 2/730 of the month; a horizon of a month or longer is the whole calendar.
/// </remarks>
public static class DemandBuilder
{
    /// <summary>
    /// The expected demand over <paramref name="horizon"/>: the first minutes of the calendar built over
    /// <see cref="ReferencePeriod"/>, carrying that calendar's trough hour so a floor fleet is sized to
    /// the month's trough and not to the window's.
    /// </summary>
    public static DemandSeries Build(TrafficSpec traffic, Hours horizon)
    {
        var warnings = new List<string>();
        double[] calendar = CalendarRates(traffic, ReferencePeriod(horizon), warnings);
        TokensPerSecond calendarTrough = new DemandSeries(calendar).TroughRate;
        int minutes = horizon.WholeMinutes;
        double[] window = minutes == calendar.Length ? calendar : calendar[..minutes];
        return new DemandSeries(window, warnings, calendarTrough);
    }

    /// <summary>
    /// The stretch of calendar a horizon is a window of: the horizon itself when it is a 730-hour month
    /// or longer, otherwise the month, so a short horizon keeps the month's daily shape and levels.
    /// </summary>
    public static Hours ReferencePeriod(Hours horizon) => horizon.Value >= Hours.Month.Value ? horizon : Hours.Month;

    /// <summary>
    /// The calendar's minutes over <paramref name="reference"/>, from Monday 00:00: shaped, day-weighted
    /// and scaled so that they carry the reference period's pro-rata share of the monthly volume.
    /// </summary>
    private static double[] CalendarRates(TrafficSpec traffic, Hours reference, List<string> warnings)
    {
        int hours = (int)Math.Ceiling(reference.Value - 1e-9);
        int minutes = reference.WholeMinutes;
        double targetTokens = traffic.MonthlyProcessedTokens * reference.Value / Hours.Month.Value;

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
            // A trace's volume sets its rate: each stretch of the calendar carries the trace's own minutes there.
            return trace.Profile.Tiled(minutes, traffic.MonthlyProcessedTokens / trace.Profile.MonthlyTokens);
        }
        double[] levels = traffic.DailyShape switch
        {
            HourlyShape given => [.. given.Levels],
            PercentileShape fit => FitLevels(fit, hourWeights, targetTokens / (reference.Value * 3600.0), warnings),
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
        return rate;
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
        return new DemandSeries(month, average.Warnings, average.CalendarTroughRate);
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
