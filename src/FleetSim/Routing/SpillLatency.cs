using FleetSim.Routing.Requests;
using FleetSim.Scenario;

namespace FleetSim.Routing;

/// <summary>
/// Latency on the self-hosted path of a spill fleet on the minute engine, from each minute's loss
/// chain: time to first token, end to end and time per output token, mean and P50/P95/P99 over the
/// month's admitted requests. A served request never waits, so queue wait is 0.
/// </summary>
/// <remarks>
/// <para>Each minute of demand D tok/s is the birth-death chain of <see cref="SharedLoss"/> on the
/// fleet's m requests in flight, p(m) ∝ Π_{k≤m} D/R_N(k) (Erlang B for the slot model). With λ = D/P̄
/// arrivals a second and B = p(N·c) turned away, Little's law gives the mean seconds a processed token
/// takes, s = E[m] / (λ(1 − B)·P̄), and a request of x tokens is taken to run at it: end to end x·s.
/// For the slot model s = c/R whatever the load, and this is exact; for a measured curve it is the
/// mean-field form (each request at its minute's mean pace), checked against the request engine
/// in <c>SpillLatencyTests</c> and docs/model.md.</para>
/// <para>Its first token comes f·x·k/P after it starts (fresh input per processed token f, prefill
/// P tok/s), where k is the requests in flight on its replica, itself included: an arrival that is
/// admitted sees m &lt; N·c (arrivals see time averages) and the picked replica holds ⌊m/N⌋ (the even
/// split). Time per output token is (x·s − f·x·k/P) / (o·x − 1) for requests with o·x ≥ 2 output tokens.</para>
/// <para>The month is the mixture of its minutes, weighted by admitted requests; minutes are gathered
/// into bins of nearly equal demand (at most <see cref="Bins"/>, 0.2 % wide) so a month costs a few
/// hundred chains, and percentiles are found by bisection on the mixture's distribution.</para>
/// </remarks>
public static class SpillLatency
{
    /// <summary>The most bins of demand a month is gathered into.</summary>
    public const int Bins = 2_000;

    private const double BinWidth = 0.002; // relative: a bin spans demands within 0.2 % of each other

    private static readonly double PerLogStep = 1 / Math.Log(1 + BinWidth); // bins per unit of ln(demand)

    /// <summary>The estimate for <paramref name="replicas"/> replicas of <paramref name="replica"/> picked by <paramref name="router"/>'s strategy, or null when nothing is admitted (no replica or no demand).</summary>
    /// <param name="demand">Each minute's demand, processed tok/s.</param>
    public static LoadedLatency? Of(ReadOnlySpan<double> demand, int replicas, ReplicaSpec replica, RouterSpec router, RequestMix mix)
    {
        if (replicas == 0)
        {
            return null;
        }
        double[] rates = SharedFleetRates.For(replica.Curve, replicas, router.Choice);
        int c = replica.MaxInFlight;
        var minutes = new List<Minute>();
        var log = new double[rates.Length];
        foreach ((double d, int count) in Gather(demand))
        {
            minutes.Add(Chain(d, count, rates, replicas, c, mix, log,
                router.Choice == ReplicaChoice.SimpleShuffle && replicas > 1 ? replica.Curve : null));
        }
        double weight = minutes.Sum(m => m.Weight);
        if (!(weight > 0))
        {
            return null;
        }
        var law = new Mixture(minutes, weight, mix, replica.Prefill.Value, replica.Curve);
        return new LoadedLatency(law.EndToEnd(), law.TimeToFirstToken(), law.TimePerOutputToken());
    }

    /// <summary>Minutes of nearly equal demand together: (mean demand, minutes) for each bin with finite demand above 0, lowest demand first.</summary>
    private static List<(double Demand, int Minutes)> Gather(ReadOnlySpan<double> demand)
    {
        const int None = int.MinValue; // a minute without demand (or with none that is finite)
        // Each minute's bin key first, then one flat table indexed by key. A positive finite double's logarithm lies
        // in (−745, 710), so keys span fewer than 1,454/ln 1.002 ≈ 728,000 values (a month from 1e−320 to 1e308
        // tok/s: 8.7 MB of table); a month of real demand spans a few thousand. Each bin sums its minutes in time order.
        int[] keys = new int[demand.Length];
        int lowest = int.MaxValue, highest = int.MinValue;
        for (int i = 0; i < demand.Length; i++)
        {
            double d = demand[i];
            keys[i] = None;
            if (d > 0 && double.IsFinite(d))
            {
                int key = (int)Math.Floor(Math.Log(d) * PerLogStep);
                keys[i] = key;
                lowest = Math.Min(lowest, key);
                highest = Math.Max(highest, key);
            }
        }
        var bins = new List<(long Key, double Sum, int Count)>(highest >= lowest ? Math.Min(highest - lowest + 1, demand.Length) : 0);
        if (lowest > highest)
        {
            return [];
        }
        var sums = new double[highest - lowest + 1];
        var counts = new int[sums.Length];
        for (int i = 0; i < demand.Length; i++)
        {
            if (keys[i] != None)
            {
                int at = keys[i] - lowest;
                sums[at] += demand[i];
                counts[at]++;
            }
        }
        for (int at = 0; at < sums.Length; at++)
        {
            if (counts[at] > 0)
            {
                bins.Add((lowest + at, sums[at], counts[at]));
            }
        }
        while (bins.Count > Bins)
        {
            // Coarser bins for a month of very varied demand: merge neighbours pairwise (keys stay in order).
            var merged = new List<(long Key, double Sum, int Count)>(bins.Count / 2 + 1);
            foreach (var (key, sum, count) in bins)
            {
                long k = key >> 1;
                if (merged.Count > 0 && merged[^1].Key == k)
                {
                    var m = merged[^1];
                    merged[^1] = (k, m.Sum + sum, m.Count + count);
                }
                else
                {
                    merged.Add((k, sum, count));
                }
            }
            bins = merged;
        }
        return bins.ConvertAll(b => (b.Sum / b.Count, b.Count));
    }

    /// <summary>
    /// One bin's chain: its admitted requests, mean seconds a token, and the law of k. Only the window
    /// around the chain's mode where p(m) is within e^-60 of its peak is summed (the rates rise with m,
    /// so the chain has one mode: the first m with R_N(m) &gt; D, less one), so a fleet of thousands of
    /// replicas costs a few thousand terms a bin, not N·c.
    /// </summary>
    /// <param name="independent">For simple-shuffle: the replica's curve, whose own loss chain, at the demand that gives the fleet's mean occupancy a replica, gives k (a random pick finds a replica as independent replicas would); null for least-busy's even split.</param>
    private static Minute Chain(double demand, int count, double[] rates, int replicas, int c, RequestMix mix, double[] log, ThroughputCurve? independent)
    {
        int top = rates.Length - 1;
        int mode = Array.BinarySearch(rates, 1, top, demand);
        mode = mode >= 0 ? mode : Math.Min(~mode, top + 1) - 1;
        mode = Math.Clamp(mode, 0, top);
        log[mode] = 0;
        int hi = mode, lo = mode;
        while (hi < top && log[hi] > -60)
        {
            log[hi + 1] = log[hi] + Math.Log(demand / rates[hi + 1]);
            hi++;
        }
        while (lo > 0 && log[lo] > -60)
        {
            log[lo - 1] = log[lo] - Math.Log(demand / rates[lo]);
            lo--;
        }
        double total = 0, mean = 0;
        for (int m = lo; m <= hi; m++)
        {
            double p = Math.Exp(log[m]);
            total += p;
            mean += m * p;
        }
        double blocked = hi == top ? Math.Exp(log[top]) / total : 0;
        mean /= total;
        double admitted = demand / mix.ProcessedTokens * (1 - blocked);
        var k = new double[c + 1];
        if (independent is not null && c <= IndependentLawSlots)
        {
            // One replica's loss chain, p1(n) ∝ Π_{j≤n} d/R(j), at the demand d whose mean occupancy is the
            // fleet's, E[m]/N (the fleet chain counts the arrivals a full replica passes on); an admitted
            // arrival finds its replica with n < c, k = n + 1.
            double target = mean / replicas, below = Math.Log(1e-12 * independent.At(1)), above = Math.Log(1e12 * independent.At(c));
            for (int i = 0; i < 80 && above - below > 1e-9; i++)
            {
                double mid = (below + above) / 2;
                if (ReplicaLaw(Math.Exp(mid), independent, c, k) < target)
                {
                    below = mid;
                }
                else
                {
                    above = mid;
                }
            }
            ReplicaLaw(Math.Exp((below + above) / 2), independent, c, k);
            double room = 0;
            for (int n = 1; n <= c; n++)
            {
                room += k[n];
            }
            for (int n = 1; n <= c; n++)
            {
                k[n] /= room; // k[n] held p1(n − 1); now P(k = n | room)
            }
        }
        else
        {
            // Least-busy: k = ⌊m/N⌋ + 1 for an admitted arrival seeing m < N·c (the even split).
            for (int m = lo; m <= Math.Min(hi, top - 1); m++)
            {
                k[m / replicas + 1] += Math.Exp(log[m]) / total / (1 - blocked);
            }
        }
        return new Minute(count * admitted * 60, mean / (admitted * mix.ProcessedTokens), k);
    }

    /// <summary>Replicas of more slots than this take least-busy's even split for k under simple-shuffle too: their occupancy varies little from the mean.</summary>
    private const int IndependentLawSlots = 1_024;

    /// <summary>
    /// One replica's loss chain at <paramref name="demand"/> tok/s: writes p1(n) into <paramref name="law"/>[n + 1] for
    /// n = 0 … c − 1 (the states an admitted arrival can find) and returns the chain's mean occupancy over 0 … c.
    /// </summary>
    private static double ReplicaLaw(double demand, ThroughputCurve curve, int c, double[] law)
    {
        double log = 0, peak = 0;
        Span<double> logs = c <= 1_024 ? stackalloc double[c + 1] : new double[c + 1];
        logs[0] = 0;
        for (int n = 1; n <= c; n++)
        {
            log += Math.Log(demand / curve.At(n));
            logs[n] = log;
            peak = Math.Max(peak, log);
        }
        double total = 0, mean = 0;
        for (int n = 0; n <= c; n++)
        {
            double p = Math.Exp(logs[n] - peak);
            total += p;
            mean += n * p;
            if (n < c)
            {
                law[n + 1] = p;
            }
        }
        for (int n = 1; n <= c; n++)
        {
            law[n] /= total;
        }
        return mean / total;
    }

    /// <param name="Weight">Admitted requests in the bin's minutes.</param>
    /// <param name="SecondsPerToken">s, the mean seconds a processed token takes.</param>
    /// <param name="InFlight">P(k) for k = 1 … c: requests on the picked replica, the admitted one included.</param>
    private sealed record Minute(double Weight, double SecondsPerToken, double[] InFlight);

    /// <summary>The month's latencies as the mixture of its bins.</summary>
    private sealed class Mixture(List<Minute> minutes, double weight, RequestMix mix, double prefill, ThroughputCurve curve)
    {
        private readonly double _fresh = mix.FreshInputTokens / mix.ProcessedTokens;
        private readonly double _output = mix.OutputTokens / mix.ProcessedTokens;

        // Time to first token and time per output token depend on a bin only through its law of k, so the month's
        // mixture of them is one law: admitted requests finding k on their replica, summed over the bins. Each
        // evaluation then costs c terms instead of bins × c.
        private readonly double[] _inFlight = InFlightOverMonth(minutes);

        // End to end depends on a bin through its seconds a token, which the slot model holds at c/R in every bin:
        // bins of one pace are one term.
        private readonly List<(double SecondsPerToken, double Weight)> _paces = PacesOverMonth(minutes);

        private static List<(double SecondsPerToken, double Weight)> PacesOverMonth(List<Minute> minutes)
        {
            var paces = new List<(double SecondsPerToken, double Weight)>();
            var at = new Dictionary<double, int>();
            foreach (Minute m in minutes)
            {
                if (at.TryGetValue(m.SecondsPerToken, out int i))
                {
                    paces[i] = (m.SecondsPerToken, paces[i].Weight + m.Weight);
                }
                else
                {
                    at[m.SecondsPerToken] = paces.Count;
                    paces.Add((m.SecondsPerToken, m.Weight));
                }
            }
            return paces;
        }

        private static double[] InFlightOverMonth(List<Minute> minutes)
        {
            var law = new double[minutes.Count == 0 ? 1 : minutes[0].InFlight.Length];
            foreach (Minute m in minutes)
            {
                for (int k = 1; k < law.Length; k++)
                {
                    law[k] += m.Weight * m.InFlight[k];
                }
            }
            return law;
        }

        public LatencySummary EndToEnd()
        {
            double mean = minutes.Sum(m => m.Weight * m.SecondsPerToken) / weight * mix.ProcessedTokens;
            return Summary(mean, t => _paces.Sum(p => p.Weight * RequestSizeLaw.Below(mix, t / p.SecondsPerToken)) / weight);
        }

        public LatencySummary TimeToFirstToken()
        {
            if (_fresh <= 0)
            {
                return new LatencySummary(0, 0, 0, 0);
            }
            double mean = Sum(_inFlight, k => k) / weight * _fresh * mix.ProcessedTokens / prefill;
            return Summary(mean, t => Sum(_inFlight, k => RequestSizeLaw.Below(mix, t * prefill / (_fresh * k))) / weight);
        }

        public LatencySummary? TimePerOutputToken()
        {
            double two = 2 / _output, atLeastTwo = 1 - RequestSizeLaw.Below(mix, two);
            if (!(_output > 0) || !(atLeastTwo > 0))
            {
                return null;
            }
            // For minute m and k: g(x) = x·a/(o·x − 1), a = k/R(k) − f·k/P, falls with x; P(g ≤ t | x ≥ 2/o).
            double Below(double t) => Sum(_inFlight, k =>
            {
                double a = k / curve.At(k) - _fresh * k / prefill;
                if (a <= 0)
                {
                    return 1;
                }
                if (t * _output <= a)
                {
                    return 0;
                }
                double x = Math.Max(two, t / (t * _output - a));
                return (1 - RequestSizeLaw.Below(mix, x)) / atLeastTwo;
            }) / weight;
            // The mean by the sizes' quantiles above 2/o (256 midpoints).
            double floor = 1 - atLeastTwo, mean = 0;
            for (int i = 0; i < 256; i++)
            {
                double x = RequestSizeLaw.Quantile(mix, floor + atLeastTwo * (i + 0.5) / 256);
                mean += Sum(_inFlight, k => Math.Max(0, x * (k / curve.At(k) - _fresh * k / prefill)) / (_output * x - 1));
            }
            return Summary(mean / 256 / weight, Below);
        }

        private static double Sum(double[] inFlight, Func<int, double> of)
        {
            double s = 0;
            for (int k = 1; k < inFlight.Length; k++)
            {
                if (inFlight[k] > 0)
                {
                    s += inFlight[k] * of(k);
                }
            }
            return s;
        }

        /// <summary>P50, P95 and P99 of the distribution <paramref name="below"/> (non-decreasing in t), by bisection in log t.</summary>
        private static LatencySummary Summary(double mean, Func<double, double> below) =>
            new(mean, Quantile(below, 0.50), Quantile(below, 0.95), Quantile(below, 0.99));

        private static double Quantile(Func<double, double> below, double p)
        {
            double lo = 1e-6, hi = 1;
            while (below(hi) < p && hi < 1e9)
            {
                hi *= 4;
            }
            if (below(lo) >= p)
            {
                return 0;
            }
            for (int i = 0; i < 60 && hi / lo > 1 + 1e-6; i++)
            {
                double mid = Math.Sqrt(lo * hi);
                if (below(mid) < p)
                {
                    lo = mid;
                }
                else
                {
                    hi = mid;
                }
            }
            return hi;
        }
    }
}

/// <summary>
/// A run's latency on the self-hosted path worked out in closed form rather than measured request by
/// request: end to end, time to first token and time per output token (null when no request has two
/// output tokens), seconds. A served request never waits on the routers that have one.
/// </summary>
public sealed record LoadedLatency(LatencySummary EndToEnd, LatencySummary TimeToFirstToken, LatencySummary? TimePerOutputToken);
