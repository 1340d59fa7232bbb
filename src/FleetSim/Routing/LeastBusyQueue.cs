using FleetSim.Scenario;

namespace FleetSim.Routing;

/// <summary>
/// The minute form of LiteLLM's least-busy picker with the queue: a request goes to the replica with
/// the fewest requests <i>in flight</i> (holding a slot; queued requests are invisible to it), ties to
/// the first, and waits FIFO on that replica's slots for at most τ before it falls back to the API.
/// </summary>
/// <remarks>
/// <para>
/// <b>What the rule does.</b> While any replica has a free slot the pick is a replica with a free slot,
/// so the fleet fills like one pool of n·c slots. Once all n·c are busy every pick is replica 0 (all
/// tie at c), so the queue forms on replica 0 alone and drains only through replica 0's c slots, while
/// a slot freed on another replica stays idle until the next arrival takes it. A request falls back
/// when it finds all n·c slots busy and replica 0's virtual wait V₀ above τ.
/// </para>
/// <para>
/// <b>The approximation</b> (a decomposition in the style of overflow models; exact for n = 1, at
/// τ = 0, and as τ → ∞): while replica 0 is full the other (n−1)·c slots see every arrival and form
/// an Erlang loss system, taken in its stationary state, so they are all busy with probability
/// β = B((n−1)c, a), a = λS̄ (Erlang B). Replica 0's queue then receives Poisson arrivals at λβ and
/// V₀ is the virtual wait of M/M/c+D with that arrival rate (level crossing as in Baccelli and
/// Hébuterne 1981): on (0, τ) its density is r·e^{−(cμ−λβ)x}, beyond τ it decays at cμ. The time
/// replica 0 spends not full per busy cycle, T_A, is set so that τ = 0 gives the exact (insensitive)
/// pooled Erlang B loss B(nc, a) = β·P(replica 0 full): cμ·T_A = β/B(nc, a) − 1. With δ = cμ − λβ:
/// <code>
///   P(fall back) = β / ((β/B(nc,a) − 1)·e^{δτ} + cμ·(e^{δτ} − 1)/δ + 1)
/// </code>
/// n = 1 gives β = 1 and the exact M/M/c+D formula. In overload (δ &lt; 0, τ → ∞) it tends to
/// (λβ − cμ)/λ, above the pooled fluid 1 − 1/ρ because slots freed on other replicas idle until the
/// next arrival: the reference simulation confirms this excess (e.g. 35.2 % against 33.3 % at 1.5×
/// on 2 × 8 slots).
/// </para>
/// <para>
/// <b>Where it is not accurate.</b> For n ≥ 2 and patience of the order of the mean service time the
/// arrivals to replica 0's queue come in bursts (while the others stay full) rather than as a Poisson
/// stream, and the form falls short of the reference by up to about 2 points near ρ = 1;
/// <see cref="WhyNoMinuteForm"/> names those settings. Lognormal sizes use the effective patience of
/// <see cref="ReplicaQueues.EffectivePatience"/>.
/// </para>
/// </remarks>
public static class LeastBusyQueue
{
    /// <summary>Fall-back share of n replicas of c slots under least-busy-in-flight with a queue.</summary>
    /// <param name="replicas">n.</param>
    /// <param name="slotsPerReplica">c.</param>
    /// <param name="arrivalsPerSecond">λ: requests per second offered to the fleet.</param>
    /// <param name="meanServiceSeconds">S̄.</param>
    /// <param name="patienceSeconds">τ.</param>
    /// <param name="sizes">The request-size law.</param>
    /// <param name="sizeCv">Its coefficient of variation.</param>
    public static double FallbackShare(int replicas, int slotsPerReplica, double arrivalsPerSecond, double meanServiceSeconds,
        double patienceSeconds, SizeDistribution sizes, double sizeCv)
    {
        if (replicas <= 0 || slotsPerReplica <= 0)
        {
            return 1;
        }
        if (arrivalsPerSecond <= 0)
        {
            return 0;
        }
        double erlangs = arrivalsPerSecond * meanServiceSeconds;
        int others = (replicas - 1) * slotsPerReplica;
        double beta = ErlangB.Loss(others, erlangs);
        double pooled = beta;
        for (int n = others + 1; n <= others + slotsPerReplica; n++)
        {
            pooled = erlangs * pooled / (n + erlangs * pooled); // B(N) from B(N − 1)
        }
        if (patienceSeconds <= 0 || pooled <= 0)
        {
            return pooled;
        }
        double tau = ReplicaQueues.EffectivePatience(slotsPerReplica, meanServiceSeconds, patienceSeconds, sizes, sizeCv);
        double capacityRate = slotsPerReplica / meanServiceSeconds;        // cμ
        double delta = capacityRate - arrivalsPerSecond * beta;           // δ = cμ − λβ
        if (double.IsPositiveInfinity(tau))
        {
            return delta >= 0 ? 0 : -delta / arrivalsPerSecond;
        }
        double x = delta * tau;
        double growth = Math.Exp(x);                                      // e^{δτ}
        double integral = Math.Abs(x) < 1e-8 ? tau * (1 + 0.5 * x) : (growth - 1) / delta;
        double denominator = (beta / pooled - 1) * growth + capacityRate * integral + 1;
        return double.IsPositiveInfinity(denominator) || double.IsNaN(denominator) ? 0 : beta / denominator;
    }

    /// <summary>
    /// Why least-busy with a queue has no minute form for these settings (the engine should refuse and
    /// name the request engine), or null when it has one.
    /// </summary>
    /// <param name="replicas">n.</param>
    /// <param name="slotsPerReplica">c.</param>
    /// <param name="meanServiceSeconds">S̄.</param>
    /// <param name="patienceSeconds">τ.</param>
    /// <param name="sizes">The request-size law.</param>
    /// <param name="sizeCv">Its coefficient of variation.</param>
    public static string? WhyNoMinuteForm(int replicas, int slotsPerReplica, double meanServiceSeconds, double patienceSeconds,
        SizeDistribution sizes, double sizeCv)
    {
        if (replicas <= 1)
        {
            return ReplicaQueues.WhyNoMinuteForm(slotsPerReplica, patienceSeconds, sizes, sizeCv);
        }
        if (patienceSeconds <= 0 || double.IsPositiveInfinity(patienceSeconds))
        {
            return null;
        }
        return "least-busy with a queue has no validated minute form for more than one replica and a finite patience: run the request engine";
    }
}
