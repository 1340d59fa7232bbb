namespace FleetSim.Scenario;

/// <summary>How much traffic arrives and when.</summary>
/// <param name="MonthlyProcessedTokens">Processed tokens per 730-hour month; a shorter horizon is a window of that month from Monday 00:00 and carries what those minutes hold; a longer one its pro-rata share.</param>
/// <param name="DailyShape">The shape of an average day, hour by hour.</param>
/// <param name="WeekdayFactor">Relative level of Monday–Friday (the horizon starts on a Monday at 00:00).</param>
/// <param name="WeekendFactor">Relative level of Saturday and Sunday.</param>
/// <param name="RequestMix">What an average request carries.</param>
public sealed record TrafficSpec(
    double MonthlyProcessedTokens,
    DailyShapeSpec DailyShape,
    double WeekdayFactor,
    double WeekendFactor,
    RequestMix RequestMix)
{
    /// <summary>Noise, growth and bursts around the average shape; none by default.</summary>
    public NoiseSpec Noise { get; init; } = NoiseSpec.None;

    /// <summary>
    /// Share of processed tokens that is batch work, which can wait for a provider's batch API
    /// (results within about a day) and is priced there at <see cref="ApiPriceSpec.BatchDiscount"/>
    /// off; 0 (all interactive) by default. The fleet serves batch and interactive tokens alike.
    /// </summary>
    public double BatchShare { get; init; }

    /// <summary>
    /// The traffic's classes (<c>traffic.classes</c>): interactive and deferrable shares of the tokens, each with
    /// the traffic's daily shape and request mix; null: one interactive class, as without the key. Never given
    /// together with <see cref="BatchShare"/>.
    /// </summary>
    public TrafficClasses? Classes { get; init; }

    /// <summary>
    /// The same traffic × <paramref name="factor"/>: the monthly volume, and a percentile shape's
    /// levels with it (they are absolute tok/s); an hourly or trace shape is relative already.
    /// </summary>
    public TrafficSpec ScaledBy(double factor) => this with
    {
        MonthlyProcessedTokens = MonthlyProcessedTokens * factor,
        DailyShape = DailyShape is PercentileShape p
            ? p with { Trough = p.Trough * factor, P50 = p.P50 * factor, P90 = p.P90 * factor, P99 = p.P99 * factor }
            : DailyShape,
    };
}

/// <summary>The daily shape of traffic.</summary>
public abstract record DailyShapeSpec;

/// <summary>24 relative hourly levels, hour 0 first; only their ratios matter.</summary>
public sealed record HourlyShape(IReadOnlyList<double> Levels) : DailyShapeSpec;

/// <summary>
/// A shape fitted from hourly processed-token rates as a gateway reports them:
/// the overnight trough and the P50/P90/P99 of hourly means (tok/s).
/// </summary>
/// <param name="PeakHour">Hour of day (0–23) at which the busiest hour sits.</param>
public sealed record PercentileShape(double Trough, double P50, double P90, double P99, int PeakHour) : DailyShapeSpec;

/// <summary>
/// The shape of a recorded trace: its own per-minute demand, tiled over the horizon and scaled to the
/// monthly volume (see <see cref="Traffic.Traces.TraceProfile.Tiled"/>).
/// </summary>
public sealed record TraceShape(Traffic.Traces.TraceProfile Profile) : DailyShapeSpec;

/// <summary>What an average request carries.</summary>
/// <param name="ProcessedTokens">Fresh input + cached input + output tokens per request.</param>
/// <param name="OutputTokens">Generated tokens per request.</param>
/// <param name="CacheHitShare">Share of input tokens served from the prefix cache.</param>
/// <param name="SizeCv">Coefficient of variation of processed tokens per request (lognormal; 0: all the same size).</param>
/// <param name="Sizes">How processed tokens per request are distributed.</param>
public sealed record RequestMix(double ProcessedTokens, double OutputTokens, double CacheHitShare, double SizeCv = 1.0,
                                SizeDistribution Sizes = SizeDistribution.LogNormal)
{
    /// <summary>Input tokens that must be prefilled (not cached).</summary>
    public double FreshInputTokens => (ProcessedTokens - OutputTokens) * (1 - CacheHitShare);
}

/// <summary>The distribution of processed tokens per request (request engine).</summary>
public enum SizeDistribution
{
    /// <summary>Lognormal with the mix's mean and coefficient of variation.</summary>
    LogNormal,

    /// <summary>Exponential with the mix's mean (coefficient of variation 1): textbook M/M/c service.</summary>
    Exponential,
}
