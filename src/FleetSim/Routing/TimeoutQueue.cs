namespace FleetSim.Routing;

/// <summary>
/// LiteLLM's real admission with a timeout, in closed form: requests wait FIFO for a slot and fall
/// back to the API once they have waited <c>timeout</c> seconds (an M/M/N+D queue: Poisson arrivals,
/// exponential service, deterministic patience).
/// </summary>
/// <remarks>
/// With N slots each serving at rate μ, arrivals at rate λ, A = λ/μ and δ = Nμ − λ, the virtual wait
/// V of FIFO service has an atom at 0 and, for x &gt; 0, density π₀·λ·A^{N−1}/(N−1)!·exp(λ·min(x,τ) − Nμx)
/// (Baccelli and Hébuterne's M/M/N+G result with patience fixed at τ). A request falls back when
/// V &gt; τ. Normalizing by the Erlang-B sum and multiplying through by e^{δτ} gives
/// <code>
///   P(fall back) = B / ((1 − B)·e^{δτ} + B·(Nμ·(e^{δτ} − 1)/δ + 1)),   B = ErlangB(N, A)
/// </code>
/// which is B at τ = 0 (the spill router), tends to 0 as τ grows when δ &gt; 0, and to the overload
/// excess 1 − Nμ/λ when δ &lt; 0. Written this way nothing overflows: a huge e^{δτ} just sends the
/// share to 0.
/// </remarks>
public static class TimeoutQueue
{
    /// <summary>The share of requests that wait <paramref name="timeoutSeconds"/> and then go to the API.</summary>
    /// <param name="slots">N: slots across the fleet.</param>
    /// <param name="arrivalsPerSecond">λ.</param>
    /// <param name="serviceSeconds">1/μ: mean time a request holds a slot.</param>
    /// <param name="timeoutSeconds">τ: how long a request waits for a slot before it falls back.</param>
    public static double FallbackShare(int slots, double arrivalsPerSecond, double serviceSeconds, double timeoutSeconds)
    {
        if (arrivalsPerSecond <= 0)
        {
            return slots == 0 ? 1 : 0;
        }
        double b = ErlangB.Loss(slots, arrivalsPerSecond * serviceSeconds);
        return FromLoss(b, slots, arrivalsPerSecond, serviceSeconds, timeoutSeconds);
    }

    /// <summary>The fall-back share given the Erlang-B loss of the same load (shared with the minute kernel).</summary>
    public static double FromLoss(double loss, int slots, double arrivalsPerSecond, double serviceSeconds, double timeoutSeconds)
    {
        if (loss <= 0)
        {
            return 0;
        }
        double capacityRate = slots / serviceSeconds;               // Nμ
        double delta = capacityRate - arrivalsPerSecond;            // δ
        if (double.IsPositiveInfinity(timeoutSeconds))
        {
            // The limit τ → ∞ taken here, because δ·τ is NaN at exactly full load (δ = 0): waiting
            // forever, only the overload excess 1 − Nμ/λ falls back, none when the fleet keeps up.
            return delta >= 0 ? 0 : -delta / arrivalsPerSecond;
        }
        double x = delta * timeoutSeconds;
        double growth = Math.Exp(x);                                // e^{δτ}
        double integral = Math.Abs(x) < 1e-8
            ? timeoutSeconds * (1 + 0.5 * x)
            : (growth - 1) / delta;                                 // (e^{δτ} − 1)/δ
        double denominator = (1 - loss) * growth + loss * (capacityRate * integral + 1);
        return double.IsPositiveInfinity(denominator) ? 0 : loss / denominator;
    }
}
