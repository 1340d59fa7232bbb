namespace FleetSim.Scenario;

/// <summary>
/// How long the paid API takes to answer a request end to end (<c>api.latency</c>): a lognormal
/// through the given median and 95th percentile, so requests that fall back to the API have a latency
/// too. μ = ln P50 and σ = (ln P95 − ln P50) / 1.6449 (the standard normal's 95th percentile).
/// </summary>
/// <param name="P50Seconds">p50_seconds: the median, seconds (&gt; 0).</param>
/// <param name="P95Seconds">p95_seconds: the 95th percentile, seconds (≥ the median).</param>
public sealed record ApiLatencySpec(double P50Seconds, double P95Seconds)
{
    /// <summary>The standard normal's 95th percentile.</summary>
    public const double Z95 = 1.6448536269514722;

    /// <summary>σ of the lognormal.</summary>
    public double Sigma => Math.Log(P95Seconds / P50Seconds) / Z95;

    /// <summary>One latency, seconds, from a standard normal draw <paramref name="z"/>.</summary>
    public double Sample(double z) => P50Seconds * Math.Exp(Sigma * z);
}
