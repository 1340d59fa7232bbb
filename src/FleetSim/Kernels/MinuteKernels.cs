using System.Numerics;
using System.Runtime.CompilerServices;
using FleetSim.Routing;

namespace FleetSim.Kernels;

/// <summary>
/// The minute plane's hot loops, and nothing else: for a fixed fleet, what the router admits out of
/// each minute's demand. SIMD across minutes, no allocation, no virtual calls.
/// </summary>
public static class MinuteKernels
{
    /// <summary>
    /// The seed's arithmetic: served = min(demand, capacity) in every minute.
    /// </summary>
    /// <returns>The sum of <paramref name="served"/> (tok/s·minutes).</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first run: no slow tier-0 months
    public static double Fluid(ReadOnlySpan<double> demand, double capacity, Span<double> served)
    {
        CheckLengths(demand, served);
        int width = Vector<double>.Count;
        var cap = new Vector<double>(capacity);
        Vector<double> acc0 = Vector<double>.Zero, acc1 = Vector<double>.Zero;
        int i = 0;
        for (; i <= demand.Length - 2 * width; i += 2 * width)
        {
            Vector<double> s0 = Vector.Min(new Vector<double>(demand[i..]), cap);
            Vector<double> s1 = Vector.Min(new Vector<double>(demand[(i + width)..]), cap);
            s0.CopyTo(served[i..]);
            s1.CopyTo(served[(i + width)..]);
            acc0 += s0;
            acc1 += s1;
        }
        double total = Vector.Sum(acc0 + acc1);
        for (; i < demand.Length; i++)
        {
            served[i] = Math.Min(demand[i], capacity);
            total += served[i];
        }
        return total;
    }

    /// <summary>
    /// The seed's router as drawn: a request is admitted while one of <paramref name="slots"/> is free,
    /// else it goes to the API at once. Each minute is an Erlang-B loss system with offered load
    /// A = demand·<paramref name="erlangsPerTokenPerSecond"/>; served = demand·(1 − B(slots, A)).
    /// From 16 to 4,096 slots B comes from the slot count's <see cref="ErlangBTable"/> (within 1e−12
    /// of the series); outside that range from <see cref="SpillBySeries"/>.
    /// </summary>
    /// <returns>The sum of <paramref name="served"/> (tok/s·minutes).</returns>
    public static double Spill(ReadOnlySpan<double> demand, int slots, double erlangsPerTokenPerSecond, Span<double> served) =>
        ErlangBTable.For(slots) is { } table
            ? table.Serve(demand, erlangsPerTokenPerSecond, served)
            : SpillBySeries(demand, slots, erlangsPerTokenPerSecond, served);

    /// <summary>
    /// <see cref="Spill"/> with the sum of <see cref="ErlangB.Loss"/> run across a vector of minutes
    /// at a time: exact to rounding for any slot count. The sum stops where B can no longer change what
    /// is served (<see cref="ErlangB.ServedUnchangedAbove"/>), so a minute costs about 39 / |ln(N/A)|
    /// terms rather than up to N; past 4,096 slots the groups of minutes with a load from 0.8 to 1.25
    /// per slot take the scalar <see cref="ErlangB.InverseLoss"/>, whose integral costs the same
    /// whatever N, where the sum would need up to about 9√N terms.
    /// </summary>
    /// <returns>The sum of <paramref name="served"/> (tok/s·minutes).</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first run: no slow tier-0 months
    public static double SpillBySeries(ReadOnlySpan<double> demand, int slots, double erlangsPerTokenPerSecond, Span<double> served)
    {
        CheckLengths(demand, served);
        int width = Vector<double>.Count;
        var k = new Vector<double>(erlangsPerTokenPerSecond);
        Vector<double> acc = Vector<double>.Zero;
        // Past the tables, minutes near full load take the scalar B, which has a fixed-cost integral there.
        bool large = slots > ErlangB.IntegralFromSlots;
        var nearLow = new Vector<double>(ErlangB.IntegralFromLoad * slots);
        var nearHigh = new Vector<double>(ErlangB.IntegralToLoad * slots);
        double total = 0;
        int i = 0;
        for (; i <= demand.Length - 2 * width; i += 2 * width)
        {
            var d0 = new Vector<double>(demand[i..]);
            var d1 = new Vector<double>(demand[(i + width)..]);
            if (large && (NearFullLoad(d0 * k, nearLow, nearHigh) || NearFullLoad(d1 * k, nearLow, nearHigh)))
            {
                for (int m = i; m < i + 2 * width; m++)
                {
                    // Minutes of one hour often share a rate (a plan's forecast, a noiseless shape): the integral once for the run of them.
                    served[m] = m > 0 && demand[m] == demand[m - 1] && m > i
                        ? served[m - 1]
                        : demand[m] * (1 - 1 / ErlangB.InverseLoss(slots, demand[m] * erlangsPerTokenPerSecond, ErlangB.ServedUnchangedAbove));
                    total += served[m];
                }
                continue;
            }
            InverseLoss(d0 * k, d1 * k, slots, out Vector<double> inverse0, out Vector<double> inverse1);
            Vector<double> s0 = d0 - d0 / inverse0;
            Vector<double> s1 = d1 - d1 / inverse1;
            s0.CopyTo(served[i..]);
            s1.CopyTo(served[(i + width)..]);
            acc += s0 + s1;
        }
        if (i <= demand.Length - width && !(large && NearFullLoad(new Vector<double>(demand[i..]) * k, nearLow, nearHigh)))
        {
            // One vector left: run it beside a copy of itself rather than minute by minute.
            var d = new Vector<double>(demand[i..]);
            InverseLoss(d * k, d * k, slots, out Vector<double> inverse, out _);
            Vector<double> s = d - d / inverse;
            s.CopyTo(served[i..]);
            acc += s;
            i += width;
        }
        total += Vector.Sum(acc);
        for (; i < demand.Length; i++)
        {
            served[i] = demand[i] * (1 - 1 / ErlangB.InverseLoss(slots, demand[i] * erlangsPerTokenPerSecond, ErlangB.ServedUnchangedAbove));
            total += served[i];
        }
        return total;
    }

    /// <summary>
    /// LiteLLM's real admission with a timeout: a request waits FIFO for a slot and falls back to the
    /// API after <paramref name="timeoutSeconds"/>. Each minute is an M/M/N+D queue
    /// (<see cref="TimeoutQueue"/>); served = demand·(1 − fall-back share).
    /// </summary>
    /// <param name="arrivalsPerTokenPerSecond">Requests per second per tok/s of demand: 1/mean request size.</param>
    /// <param name="serviceSeconds">Mean time a request holds a slot.</param>
    /// <returns>The sum of <paramref name="served"/> (tok/s·minutes).</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first run: no slow tier-0 months
    public static double QueueWithTimeout(ReadOnlySpan<double> demand, int slots, double arrivalsPerTokenPerSecond,
                                          double serviceSeconds, double timeoutSeconds, Span<double> served)
    {
        CheckLengths(demand, served);
        int width = Vector<double>.Count;
        var k = new Vector<double>(arrivalsPerTokenPerSecond * serviceSeconds);
        double total = 0;
        // Past the tables, minute by minute: the scalar B takes a fixed-cost integral near full load.
        int i = slots > ErlangB.IntegralFromSlots ? demand.Length : 0;
        for (int m = 0; m < i; m++)
        {
            total += served[m] = ServedAfterTimeout(demand[m], 1 / ErlangB.InverseLoss(slots, demand[m] * arrivalsPerTokenPerSecond * serviceSeconds,
                                                                                       ErlangB.ServedUnchangedAbove));
        }
        for (; i <= demand.Length - 2 * width; i += 2 * width)
        {
            var d0 = new Vector<double>(demand[i..]);
            var d1 = new Vector<double>(demand[(i + width)..]);
            InverseLoss(d0 * k, d1 * k, slots, out Vector<double> inverse0, out Vector<double> inverse1);
            for (int lane = 0; lane < width; lane++)
            {
                total += served[i + lane] = ServedAfterTimeout(demand[i + lane], 1 / inverse0[lane]);
                total += served[i + width + lane] = ServedAfterTimeout(demand[i + width + lane], 1 / inverse1[lane]);
            }
        }
        for (; i < demand.Length; i++)
        {
            total += served[i] = ServedAfterTimeout(demand[i], 1 / ErlangB.InverseLoss(slots, demand[i] * arrivalsPerTokenPerSecond * serviceSeconds,
                                                                                       ErlangB.ServedUnchangedAbove));
        }
        return total;

        double ServedAfterTimeout(double d, double loss) =>
            d * (1 - TimeoutQueue.FromLoss(loss, slots, d * arrivalsPerTokenPerSecond, serviceSeconds, timeoutSeconds));
    }

    /// <summary>
    /// 1/B(slots, A) for two vectors of offered loads: the positive-term sum of <see cref="ErlangB"/>,
    /// run as two independent chains of multiplies so each hides the other's latency, and stopped
    /// once it passes <see cref="ErlangB.ServedUnchangedAbove"/> (B then leaves served unchanged to the bit).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void InverseLoss(Vector<double> load0, Vector<double> load1, int slots,
                                    out Vector<double> sum0, out Vector<double> sum1)
    {
        var negligibleTerm = new Vector<double>(ErlangB.NegligibleTerm);
        var negligibleLoss = new Vector<double>(ErlangB.ServedUnchangedAbove);
        Vector<double> inverseLoad0 = Vector<double>.One / load0;
        Vector<double> inverseLoad1 = Vector<double>.One / load1;
        Vector<double> term0 = Vector<double>.One, term1 = Vector<double>.One;
        sum0 = Vector<double>.One;
        sum1 = Vector<double>.One;
        for (int m = 0; m < slots; m++)
        {
            var remaining = new Vector<double>(slots - m);
            term0 *= inverseLoad0 * remaining;
            term1 *= inverseLoad1 * remaining;
            sum0 += term0;
            sum1 += term1;
            if ((m & 7) == 7 && Converged(term0, sum0, negligibleTerm, negligibleLoss) && Converged(term1, sum1, negligibleTerm, negligibleLoss))
            {
                break;
            }
        }
    }

    /// <summary>Whether any lane's load lies where <see cref="ErlangB.InverseLoss"/> takes its integral.</summary>
    private static bool NearFullLoad(Vector<double> load, Vector<double> low, Vector<double> high) =>
        !Vector.EqualsAll(Vector.GreaterThanOrEqual(load, low) & Vector.LessThanOrEqual(load, high), Vector<long>.Zero);

    private static bool Converged(Vector<double> term, Vector<double> sum, Vector<double> negligibleTerm, Vector<double> negligibleLoss)
    {
        Vector<long> done = Vector.LessThan(term, sum * negligibleTerm) | Vector.GreaterThan(sum, negligibleLoss);
        return Vector.EqualsAll(done, new Vector<long>(-1));
    }

    private static void CheckLengths(ReadOnlySpan<double> demand, Span<double> served)
    {
        if (served.Length < demand.Length)
        {
            throw new ArgumentException($"served holds {served.Length} minutes, demand {demand.Length}", nameof(served));
        }
    }
}
