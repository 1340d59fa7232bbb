namespace FleetSim.Engine.Requests;

/// <summary>
/// Percentiles of millions of latencies in constant memory: log-spaced buckets 0.5 % wide from
/// 0.1 ms to 10⁷ s, so a reported percentile is within 0.25 % of the exact one. The mean is exact.
/// </summary>
public sealed class LatencyHistogram
{
    private const double Smallest = 1e-4;
    private const double Growth = 1.005;
    private static readonly double LogGrowth = Math.Log(Growth);
    private readonly long[] _buckets = new long[(int)Math.Ceiling(Math.Log(1e7 / Smallest) / Math.Log(Growth)) + 1];
    private long _zeros;
    private double _sum;

    public long Count { get; private set; }

    public double Mean => Count == 0 ? 0 : _sum / Count;

    public void Add(double seconds)
    {
        Count++;
        _sum += seconds;
        if (seconds < Smallest)
        {
            _zeros++;
            return;
        }
        int b = Math.Min((int)(Math.Log(seconds / Smallest) / LogGrowth), _buckets.Length - 1);
        _buckets[b]++;
    }

    /// <summary>The p-th quantile (p from 0 to 1), or 0 with no samples.</summary>
    public double Quantile(double p)
    {
        if (Count == 0)
        {
            return 0;
        }
        long rank = (long)Math.Ceiling(Math.Clamp(p, 0, 1) * Count);
        long seen = _zeros;
        if (seen >= rank)
        {
            return 0;
        }
        for (int b = 0; b < _buckets.Length; b++)
        {
            seen += _buckets[b];
            if (seen >= rank)
            {
                return Smallest * Math.Pow(Growth, b + 0.5);
            }
        }
        return Smallest * Math.Pow(Growth, _buckets.Length);
    }

    public LatencySummary Summary() => new(Mean, Quantile(0.50), Quantile(0.95), Quantile(0.99));
}

/// <summary>Mean and percentiles of a latency, in seconds.</summary>
public sealed record LatencySummary(double Mean, double P50, double P95, double P99);
