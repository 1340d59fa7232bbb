using FleetSim.Scenario;

namespace FleetSim.Routing;

/// <summary>
/// The spill router's minute form for replicas that serve at a measured throughput curve: a loss
/// system whose service rate depends on how many requests are in flight, solved as a birth-death
/// chain on the fleet's requests in flight.
/// </summary>
/// <remarks>
/// <para>
/// <b>One replica.</b> Requests of mean size P̄ arrive at λ = D/P̄ (Poisson) and share the replica:
/// with n in flight it processes R(n) tok/s, so requests leave at R(n)/P̄. A request that finds c
/// in flight goes to the API. The replica is a symmetric (processor-sharing) queue, whose
/// stationary law is insensitive to the size distribution (Kelly, "Reversibility and Stochastic
/// Networks", 1979, §3.3):
/// <code>p(n) ∝ Π_{k=1..n} λ·P̄/R(k) = Π_{k=1..n} D/R(k),   n = 0 … c,</code>
/// and by Poisson arrivals seeing time averages the share of requests (and of tokens) sent to the
/// API is B = p(c). P̄ cancels: the form needs only the demand D. With the straight line
/// R(k) = k·R/c this is Erlang B with c servers and A = D·c/R erlangs.
/// </para>
/// <para>
/// <b>Several replicas.</b> The router sends a request to a replica with room while one has room,
/// so the fleet refuses only when all N·c places are taken, and the chain is on the fleet's total
/// in flight m = 0 … N·c with the fleet's departure rate R_N(m)/P̄: p(m) ∝ Π_{k≤m} D/R_N(k) and
/// B = p(N·c). How the router splits the m among replicas sets R_N (<see cref="SharedFleetRates"/>).
/// For the straight line R_N(m) = m·R/c whatever the split, so the form is Erlang B with N·c
/// servers, exact. The request engine, which follows every request, agrees within half a point of
/// spill share on a grid of curves, loads and fleet sizes (tests/FleetSim.Tests/Routing/SharedLossTests).
/// </para>
/// <para>
/// <b>Computing B.</b> 1/B = Σ_{m=0..M} Π_{k=m+1..M} R_N(k)/D with M = N·c: terms built downward
/// from t_M = 1, all positive, so the sum is stable. Once R_N(k) ≤ D the terms only shrink further
/// down (R_N never falls as m grows, since the curve never does), and the sum stops when a term is below 10⁻¹⁷ of it; past 10³⁰⁰ B
/// is 0 to double precision and nothing is spilled.
/// </para>
/// </remarks>
public static class SharedLoss
{
    /// <summary>
    /// B, the share of requests (and tokens) a fleet of <paramref name="replicas"/> replicas with
    /// throughput curve <paramref name="curve"/> behind <paramref name="choice"/> sends to the API at
    /// a demand of <paramref name="demand"/> processed tok/s (≥ 0).
    /// </summary>
    public static double Blocking(double demand, int replicas, ThroughputCurve curve, ReplicaChoice choice) =>
        replicas == 0 ? 1 : Blocking(demand, SharedFleetRates.For(curve, replicas, choice));

    /// <summary>
    /// B at a demand of <paramref name="demand"/> tok/s for a fleet that delivers
    /// <paramref name="fleetRates"/>[m] tok/s with m in flight (<see cref="SharedFleetRates"/>,
    /// non-decreasing in m), refusing at the last m.
    /// </summary>
    public static double Blocking(double demand, ReadOnlySpan<double> fleetRates)
    {
        int slots = fleetRates.Length - 1;
        if (slots <= 0)
        {
            return 1;
        }
        if (demand <= 0)
        {
            return 0;
        }
        double term = 1, sum = 1;
        for (int m = slots; m > 0; m--)
        {
            double rate = fleetRates[m];
            term *= rate / demand;
            sum += term;
            if (sum > 1e300)
            {
                return 0;
            }
            if (rate <= demand && term < 1e-17 * sum)
            {
                break;
            }
        }
        return 1 / sum;
    }

    /// <summary>
    /// Serves a span of minutes: <paramref name="served"/>[m] = D·(1 − B) for each minute's demand D
    /// (tok/s) on a fleet delivering <paramref name="fleetRates"/>. Returns the sum of <paramref name="served"/>.
    /// </summary>
    public static double Serve(ReadOnlySpan<double> demand, ReadOnlySpan<double> fleetRates, Span<double> served)
    {
        if (served.Length < demand.Length)
        {
            throw new ArgumentException("the served buffer is shorter than the demand", nameof(served));
        }
        double total = 0, lastDemand = double.NaN, lastServed = 0;
        for (int i = 0; i < demand.Length; i++)
        {
            double d = demand[i];
            if (d != lastDemand)
            {
                // Minutes within an hour share a rate: one chain for the run of them.
                lastDemand = d;
                lastServed = d * (1 - Blocking(d, fleetRates));
            }
            served[i] = lastServed;
            total += lastServed;
        }
        return total;
    }
}
