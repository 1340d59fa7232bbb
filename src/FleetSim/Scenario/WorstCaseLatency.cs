namespace FleetSim.Scenario;

/// <summary>
/// The 95th percentile of each latency a request can reach while it is in service on a replica that
/// never holds more than <see cref="InFlight"/> requests: the worst case, every other slot busy for
/// as long as it runs. Time waiting for a slot (a queue, a retry) is not included: a router that
/// serves on arrival adds none, and for the others it comes on top.
/// </summary>
/// <remarks>
/// <para>The request engine's pace (docs/model.md, "Latency with every slot busy"): with k requests in
/// flight each runs at v(k) = R(k)/k processed tok/s (the slot model: R/c at every k), and its first
/// token comes f·x·k₀/P seconds after it starts, where x is its processed tokens, f the mix's fresh
/// input per processed token, P the replica's prefill tok/s and k₀ the requests in flight when it
/// starts, itself included. With at most n in flight, v ≥ v_min = min over k ≤ n of R(k)/k and
/// 1 ≤ k₀ ≤ n, so for every request of x tokens with o·x output tokens:</para>
/// <list type="bullet">
/// <item>time to first token ≤ f·x·n/P;</item>
/// <item>end to end ≤ x / v_min;</item>
/// <item>time per output token (recorded when o·x ≥ 2) ≤ max(0, x/v_min − f·x/P) / (o·x − 1).</item>
/// </list>
/// <para>Each bound holds request by request, so the 95th percentile of the bound over the mix's sizes
/// is at least the 95th percentile of the latency. The first two bounds rise with x, so their P95 is the
/// bound at the size's P95; the third falls with x, so its P95 is the bound at the 5th percentile of
/// the sizes that have two output tokens or more. Sizes follow <see cref="RequestMix"/> as the request
/// engine draws them: lognormal with the mix's mean and coefficient of variation (σ² = ln(1 + cv²),
/// μ = ln mean − σ²/2), exponential, or every request the mean when cv is 0.</para>
/// </remarks>
/// <param name="InFlight">n, the most requests the replica holds at once.</param>
/// <param name="TimeToFirstTokenSeconds">P95 bound on prefill to the first token, seconds.</param>
/// <param name="TimePerOutputTokenSeconds">P95 bound on decode time per output token, seconds; null when no request has two output tokens.</param>
/// <param name="EndToEndSeconds">P95 bound on time in service, start to last token, seconds.</param>
public sealed record WorstCaseLatency(int InFlight, double TimeToFirstTokenSeconds, double? TimePerOutputTokenSeconds, double EndToEndSeconds)
{
    private const double P95 = 0.95;

    /// <summary>The bounds for <paramref name="replica"/> holding at most <paramref name="inFlight"/> (1 … its max_in_flight) requests of <paramref name="mix"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="inFlight"/> is outside 1 … the replica's max_in_flight.</exception>
    public static WorstCaseLatency Of(ReplicaSpec replica, RequestMix mix, int inFlight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inFlight, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(inFlight, replica.MaxInFlight);
        ThroughputCurve curve = replica.Curve;
        double slowest = double.PositiveInfinity;
        for (int k = 1; k <= inFlight; k++)
        {
            slowest = Math.Min(slowest, curve.At(k) / k);
        }
        return Of(slowest, replica.Prefill.Value, mix, inFlight);
    }

    /// <summary>
    /// The bounds for every n from 1 to the replica's max_in_flight, in one pass (each bound rises with n).
    /// </summary>
    public static IEnumerable<WorstCaseLatency> ForEachInFlight(ReplicaSpec replica, RequestMix mix)
    {
        ThroughputCurve curve = replica.Curve;
        double slowest = double.PositiveInfinity;
        for (int n = 1; n <= replica.MaxInFlight; n++)
        {
            slowest = Math.Min(slowest, curve.At(n) / n);
            yield return Of(slowest, replica.Prefill.Value, mix, n);
        }
    }

    private static WorstCaseLatency Of(double slowestPace, double prefill, RequestMix mix, int inFlight)
    {
        double fresh = mix.FreshInputTokens / mix.ProcessedTokens;
        double output = mix.OutputTokens / mix.ProcessedTokens;
        double large = RequestSizeLaw.Quantile(mix, P95);
        double ttft = fresh * large * inFlight / prefill;
        double e2e = large / slowestPace;
        double? tpot = null;
        double twoTokens = 2 / output; // the smallest size whose time per output token is recorded
        double below = RequestSizeLaw.Below(mix, twoTokens);
        if (output > 0 && below < 1)
        {
            double small = Math.Max(twoTokens, RequestSizeLaw.Quantile(mix, below + (1 - P95) * (1 - below)));
            double perToken = Math.Max(0, 1 / slowestPace - fresh / prefill);
            tpot = small * perToken / (output * small - 1);
        }
        return new WorstCaseLatency(inFlight, ttft, tpot, e2e);
    }
}
