using System.Globalization;
using FleetSim.Scenario;

namespace FleetSim.Replicas;

/// <summary>
/// A replica's throughput curve assembled from benchmark points: one point per requests-in-flight count,
/// ascending, each processed tok/s at least the one before (<see cref="ThroughputCurve"/>'s rules).
/// </summary>
public sealed class MeasuredCurve
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private MeasuredCurve(IReadOnlyList<BenchmarkPoint> points, IReadOnlyList<BenchmarkPoint> pastPeak, ThroughputCurve curve)
    {
        Points = points;
        PastPeak = pastPeak;
        Curve = curve;
    }

    /// <summary>The most processed tok/s a point may have: 10^9, the scenario's limit on processed_tokens_per_second.</summary>
    public const double MostTokensPerSecond = 1e9;

    /// <summary>The points the curve runs through, ascending in flight.</summary>
    public IReadOnlyList<BenchmarkPoint> Points { get; }

    /// <summary>Points past the peak that <c>toPeak</c> left out (empty without it).</summary>
    public IReadOnlyList<BenchmarkPoint> PastPeak { get; }

    /// <summary>The curve, read up to its last point (max_in_flight).</summary>
    public ThroughputCurve Curve { get; }

    /// <summary>
    /// The curve through <paramref name="points"/> in order of requests in flight.
    /// </summary>
    /// <param name="points">At least one point, from any number of files.</param>
    /// <param name="toPeak">Keep the points up to the highest throughput and leave out those after it
    /// (a replica pushed past its peak does less; max_in_flight belongs at the peak). Without it a fall
    /// past the peak is refused.</param>
    /// <exception cref="BenchmarkException">No points; two points at the same in flight (naming both); more than
    /// <see cref="InputLimits.MaxCurvePoints"/>; or throughput that falls from one point to the next (naming both,
    /// and suggesting what to drop).</exception>
    public static MeasuredCurve Of(IReadOnlyList<BenchmarkPoint> points, bool toPeak)
    {
        if (points.Count == 0)
        {
            throw new BenchmarkException("no benchmark points: give at least one result file");
        }
        if (points.Count > InputLimits.MaxCurvePoints)
        {
            throw new BenchmarkException($"{points.Count:N0} benchmark points, more than the {InputLimits.MaxCurvePoints:N0} a throughput_curve may have");
        }
        if (points.FirstOrDefault(p => p.TokensPerSecond > MostTokensPerSecond) is { } huge)
        {
            throw new BenchmarkException(string.Create(Inv,
                $"{huge.Source}: {huge.TokensPerSecond:G4} processed tok/s ({huge.ThroughputFrom}), more than the {MostTokensPerSecond:G} a replica may have: a unit error?"));
        }
        var sorted = points.OrderBy(p => p.InFlight).ToList();
        for (int i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].InFlight == sorted[i - 1].InFlight)
            {
                throw new BenchmarkException(string.Create(Inv,
                    $"{sorted[i - 1].Source} and {sorted[i].Source} both measure {sorted[i].InFlight} in flight " +
                    $"({sorted[i - 1].TokensPerSecond:N0} and {sorted[i].TokensPerSecond:N0} tok/s): a curve has one point per in-flight count; give one of them"));
            }
        }
        var pastPeak = new List<BenchmarkPoint>();
        if (toPeak)
        {
            int peak = 0;
            for (int i = 1; i < sorted.Count; i++)
            {
                if (sorted[i].TokensPerSecond > sorted[peak].TokensPerSecond)
                {
                    peak = i;
                }
            }
            pastPeak.AddRange(sorted.Skip(peak + 1));
            sorted.RemoveRange(peak + 1, sorted.Count - peak - 1);
        }
        for (int i = 1; i < sorted.Count; i++)
        {
            BenchmarkPoint before = sorted[i - 1], after = sorted[i];
            if (after.TokensPerSecond < before.TokensPerSecond)
            {
                int peakAt = sorted.Take(i).MaxBy(p => p.TokensPerSecond)!.InFlight;
                string advice = toPeak || sorted.Skip(i).Any(p => p.TokensPerSecond > before.TokensPerSecond)
                    ? $"the curve rises again later, so this is measurement noise: rerun {after.Source}, or leave it out"
                    : $"past its peak a replica does less with more in flight: leave out the points past {peakAt} in flight, " +
                      "or pass --to-peak to keep the curve up to its peak";
                throw new BenchmarkException(string.Create(Inv,
                    $"throughput falls from {before.TokensPerSecond:N0} tok/s at {before.InFlight} in flight ({before.Source}) " +
                    $"to {after.TokensPerSecond:N0} at {after.InFlight} ({after.Source}); {advice}"));
            }
        }
        ThroughputCurve curve = ThroughputCurve.Of([.. sorted.Select(p => (p.InFlight, p.TokensPerSecond))], sorted[^1].InFlight);
        return new MeasuredCurve(sorted, pastPeak, curve);
    }
}
