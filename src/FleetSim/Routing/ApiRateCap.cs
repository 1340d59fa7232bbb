using MathNet.Numerics;

namespace FleetSim.Routing;

/// <summary>
/// The minute form of the API's per-clock-minute caps (requests_per_minute, tokens_per_minute): the
/// expected requests and tokens the API accepts in one minute out of the requests spilled to it.
/// The gate takes requests in arrival order and accepts one when it fits under both counters, so a
/// large request turned away does not stop a later small one (as the request engine's ApiGate).
/// An outage drops everything it covers: scale by the share of the minute it leaves open.
/// </summary>
/// <remarks>
/// <para>
/// <b>Request cap only (exact).</b> With N ~ Poisson(m) spilled requests in the minute and a cap of
/// r = ⌊rpm⌋, the accepted count is min(N, r) and, sizes being independent of order, the accepted
/// tokens are E[min(N, r)]·P̄. Summing k·p_k by parts (k·p_k = m·p_{k−1}):
/// <code>
///   E[min(N, r)]  = m·P(N ≤ r−1) + r·P(N ≥ r+1)
///   E[min(N, r)²] = m²·P(N ≤ r−2) + m·P(N ≤ r−1) + r²·P(N ≥ r+1)
/// </code>
/// with the Poisson distribution function P(N ≤ k) = Q(k+1, m), the regularized upper incomplete
/// gamma function (Abramowitz and Stegun 6.5.2, 26.4.21), so a minute costs two or three gamma
/// evaluations however large r is.
/// </para>
/// <para>
/// <b>Token cap (approximation).</b> The accepted tokens are approximated by E[min(Y, T)] with
/// T = tpm and Y = X₁ + … + X_M the tokens of the M = min(N, r) requests the request cap lets
/// through, Y taken as a gamma variable with Y's exact mean E[M]·P̄ and variance
/// E[M]·σ² + Var(M)·P̄² (σ = cv·P̄): the usual two-moment gamma fit of a compound sum (e.g.
/// Klugman, Panjer and Willmot, "Loss Models", on approximating aggregate losses). For a gamma
/// with shape k and scale θ, E[min(Y, T)] = kθ·P(k+1, T/θ) + T·Q(k, T/θ). It ignores that the gate
/// still takes requests small enough to fit once a larger one was turned away (a gain of less than
/// one request's tokens a minute), and that when the token cap binds the request cap counts fewer
/// requests; the tests hold the form within 3.5 % of the offered tokens of a Monte Carlo of the gate (worst: ten
/// requests a minute of cv 2 against a cap of 2M tokens; under 1 % with thirty or more requests).
/// </para>
/// <para>
/// <b>Poisson spills.</b> The forms take the spilled requests of a minute as Poisson. Spills from a
/// full fleet are burstier than Poisson within a minute, which makes a cap bind a little more often
/// than this says; over a minute whose spill rate is steady the difference is small.
/// </para>
/// </remarks>
public static class ApiRateCap
{
    /// <summary>E[min(N, ⌊rpm⌋)]: the expected requests accepted out of N ~ Poisson(<paramref name="meanRequests"/>).</summary>
    /// <param name="meanRequests">m: expected requests spilled to the API in the minute.</param>
    /// <param name="requestsPerMinute">The cap (null or +∞: none).</param>
    public static double AcceptedRequests(double meanRequests, double? requestsPerMinute)
    {
        if (meanRequests <= 0)
        {
            return 0;
        }
        if (requestsPerMinute is not double rpm || double.IsPositiveInfinity(rpm))
        {
            return meanRequests;
        }
        double r = Math.Floor(rpm);
        if (r <= 0)
        {
            return 0;
        }
        return meanRequests * PoissonAtMost(r - 1, meanRequests) + r * (1 - PoissonAtMost(r, meanRequests));
    }

    /// <summary>Expected tokens the API accepts in a minute.</summary>
    /// <param name="meanRequests">m: expected requests spilled in the minute (Poisson).</param>
    /// <param name="meanTokens">P̄: mean tokens per spilled request (what the token counter counts).</param>
    /// <param name="sizeCv">Coefficient of variation of request sizes (1 for exponential, 0 for fixed).</param>
    /// <param name="requestsPerMinute">Request cap (null: none).</param>
    /// <param name="tokensPerMinute">Token cap (null: none).</param>
    public static double AcceptedTokens(double meanRequests, double meanTokens, double sizeCv, double? requestsPerMinute, double? tokensPerMinute)
    {
        if (meanRequests <= 0 || meanTokens <= 0)
        {
            return 0;
        }
        double accepted = AcceptedRequests(meanRequests, requestsPerMinute);
        double mean = accepted * meanTokens;
        if (tokensPerMinute is not double tpm || double.IsPositiveInfinity(tpm))
        {
            return mean;
        }
        if (tpm <= 0)
        {
            return 0;
        }
        double countVariance = meanRequests; // Poisson, no request cap
        if (requestsPerMinute is double rpm && !double.IsPositiveInfinity(rpm))
        {
            double r = Math.Floor(rpm);
            double m = meanRequests;
            double second = m * m * PoissonAtMost(r - 2, m) + m * PoissonAtMost(r - 1, m) + r * r * (1 - PoissonAtMost(r, m));
            countVariance = Math.Max(0, second - accepted * accepted);
        }
        double variance = accepted * sizeCv * sizeCv * meanTokens * meanTokens + countVariance * meanTokens * meanTokens;
        if (variance <= 0)
        {
            return Math.Min(mean, tpm);
        }
        double shape = mean * mean / variance;
        double scale = variance / mean;
        double z = tpm / scale;
        return mean * SpecialFunctions.GammaLowerRegularized(shape + 1, z) + tpm * SpecialFunctions.GammaUpperRegularized(shape, z);
    }

    /// <summary>Share of the spilled tokens the API accepts (1 when nothing is spilled).</summary>
    public static double AcceptedTokenShare(double meanRequests, double meanTokens, double sizeCv, double? requestsPerMinute, double? tokensPerMinute)
    {
        double offered = meanRequests * meanTokens;
        return offered <= 0 ? 1 : AcceptedTokens(meanRequests, meanTokens, sizeCv, requestsPerMinute, tokensPerMinute) / offered;
    }

    /// <summary>P(N ≤ k) for N ~ Poisson(m): Q(k + 1, m).</summary>
    private static double PoissonAtMost(double k, double m) =>
        k < 0 ? 0 : SpecialFunctions.GammaUpperRegularized(k + 1, m);
}
