using FleetSim.Units;

namespace FleetSim.Scenario;

/// <summary>One model replica (a tensor-parallel group of GPUs) and the node it is packed into.</summary>
/// <param name="Gpus">GPUs per replica (TP degree): 4 for the seed's TP4.</param>
/// <param name="GpusPerNode">GPUs in the smallest rentable unit: 8 for an HGX box.</param>
/// <param name="Throughput">Processed tokens per second at full concurrency.</param>
/// <param name="MaxInFlight">Requests the replica runs at once; the router admits no more.</param>
/// <param name="GpuPrice">Rental price per GPU-hour.</param>
public sealed record ReplicaSpec(
    int Gpus,
    int GpusPerNode,
    TokensPerSecond Throughput,
    int MaxInFlight,
    UsdPerGpuHour GpuPrice)
{
    /// <summary>
    /// Fresh (uncached) input tokens per second the replica prefills, shared by the requests in flight;
    /// sets time to first token. Default: 4 × <see cref="Throughput"/>, which gives DOMAIN.md's
    /// TTFT p50 ≈ 1.6 s for 13K fresh tokens at TP8 with 16 in flight (32K tok/s × 4 = 128K tok/s).
    /// </summary>
    public TokensPerSecond Prefill => PrefillOverride ?? Throughput * 4;

    public TokensPerSecond? PrefillOverride { get; init; }

    /// <summary>Whole replicas that fit on one node.</summary>
    public int ReplicasPerNode => GpusPerNode / Gpus;

    /// <summary>
    /// The measured throughput curve (<c>replica.throughput_curve</c>), or null for the straight
    /// line to (<see cref="MaxInFlight"/>, <see cref="Throughput"/>). When set, it ends at
    /// <see cref="MaxInFlight"/> with <see cref="Throughput"/>: change the three together with
    /// <see cref="Rescaled"/>.
    /// </summary>
    public ThroughputCurve? MeasuredCurve { get; init; }

    /// <summary>R(0 … c): the measured curve, or the straight line when there is none.</summary>
    /// <exception cref="InvalidOperationException">The measured curve was left behind by a change to the throughput or max in flight.</exception>
    public ThroughputCurve Curve =>
        MeasuredCurve is not { } curve ? ThroughputCurve.Proportional(Throughput.Value, MaxInFlight)
        : curve.MaxInFlight == MaxInFlight && curve.At(MaxInFlight) == Throughput.Value ? curve
        : throw new InvalidOperationException(
            $"the throughput curve ends at {curve.MaxInFlight} in flight with {curve.At(curve.MaxInFlight)} tok/s, the replica says {MaxInFlight} and {Throughput.Value}");

    /// <summary>
    /// Whether a request's speed depends on how many share the replica: a measured curve that is not
    /// the straight line. Then the engines use the curve's state-dependent forms; otherwise the slot
    /// model (each request at R/c), exactly as without a curve.
    /// </summary>
    public bool SharesByLoad => MeasuredCurve is { IsProportional: false };

    /// <summary>
    /// This replica admitting at most <paramref name="maxInFlight"/> requests (an SLO's max in flight):
    /// the same curve up to it (<see cref="ThroughputCurve.Truncated"/>; without a measured curve the
    /// slot model's straight line, so each request keeps its pace R/c), throughput R(n) at the new max,
    /// and the same prefill rate (admitting fewer does not make prefill slower).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxInFlight"/> is outside 1 … <see cref="MaxInFlight"/>.</exception>
    public ReplicaSpec Capped(int maxInFlight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxInFlight, MaxInFlight);
        ThroughputCurve curve = Curve;
        return maxInFlight == MaxInFlight ? this : this with
        {
            Throughput = new TokensPerSecond(curve.At(maxInFlight)),
            MaxInFlight = maxInFlight,
            MeasuredCurve = MeasuredCurve is null ? null : curve.Truncated(maxInFlight),
            PrefillOverride = Prefill,
        };
    }

    /// <summary>
    /// This replica with every throughput × <paramref name="throughputFactor"/> and
    /// <paramref name="maxInFlight"/> requests at once; a measured curve is stretched with it,
    /// R′(n) = f·R(n·c/c′), so the same share of the batch gives the same share of the throughput.
    /// </summary>
    public ReplicaSpec Rescaled(double throughputFactor, int maxInFlight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        ThroughputCurve? curve = MeasuredCurve?.Stretched(throughputFactor, maxInFlight);
        return this with
        {
            Throughput = curve is null ? Throughput * throughputFactor : new TokensPerSecond(curve.At(maxInFlight)),
            MaxInFlight = maxInFlight,
            MeasuredCurve = curve,
        };
    }
}
