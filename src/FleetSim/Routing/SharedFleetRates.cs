using System.Runtime.CompilerServices;
using FleetSim.Scenario;

namespace FleetSim.Routing;

/// <summary>
/// R_N(m): the processed tok/s a fleet of N replicas with throughput curve R delivers with m
/// requests in flight across it, m = 0 … N·c, as the spill router spreads them. The birth-death
/// chain of <see cref="SharedLoss"/> runs on it.
/// </summary>
/// <remarks>
/// <para>
/// For a stationary fleet, the rate at which the count of requests in flight crosses from m − 1 to
/// m equals the rate at which it crosses back: λ·p(m − 1) = p(m)·E[departures | m]. So the chain on
/// m is exact when R_N(m) is the fleet's mean throughput given m; what the router does decides how
/// the m are split among replicas, and so that mean. Two splits, each checked against an
/// independent processor-sharing simulation (tests/FleetSim.Tests/Routing/SharedLossTests):
/// </para>
/// <list type="bullet">
/// <item><b>least-busy: the even split.</b> Each request joins a replica with the fewest in flight,
/// so the m are as even as they can be: m = qN + r gives r replicas q + 1 and N − r replicas q, and
/// R_N(m) = r·R(q + 1) + (N − r)·R(q).</item>
/// <item><b>simple-shuffle: the split of independent replicas.</b> A random pick among replicas
/// with room feeds each about equally, and N replicas each fed its own Poisson stream have the
/// product-form law p(n₁ … n_N) ∝ Π_i w(n_i)·(λ/N)^{n_i}, w(n) = Π_{k≤n} P̄/R(k) (each a
/// processor-sharing queue; Kelly 1979). Given m, the split is ∝ Π w(n_i), and since
/// R(k)·w(k) = P̄·w(k − 1) the mean throughput is
/// R_N(m) = N·[W_N(m − 1) − w(c)·W_{N−1}(m − 1 − c)] / W_N(m)·P̄, W_k the k-fold convolution of w
/// (on 0 … c). Computed in logarithms, since W spans far more than a double's range.</item>
/// </list>
/// For the straight line both are m·R/c, whatever the split (Erlang B). For a concave curve the even
/// split is the most a fleet can deliver with m in flight; the random pick's split gives less, up to
/// half a point more spill share at 2 to 6 replicas. The two agree within 0.05 point past
/// <see cref="ExactSplitReplicas"/> replicas (every replica's load nears the mean), where the even
/// split serves both and the convolutions, whose cost grows as N²c², are not run; nor are they past
/// <see cref="MaxConvolutionWork"/>.
/// </remarks>
public static class SharedFleetRates
{
    /// <summary>Fleets up to this many replicas behind simple-shuffle take the independent replicas' split; larger ones the even split.</summary>
    public const int ExactSplitReplicas = 64;

    /// <summary>
    /// The most terms (about N²c²/2) the convolutions may take, some 0.2 s: past it (hundreds of
    /// requests in flight a replica) the even split serves simple-shuffle too, as it does past
    /// <see cref="ExactSplitReplicas"/>; with that many in flight a replica's load varies little
    /// from the mean.
    /// </summary>
    public const double MaxConvolutionWork = 2e7;

    /// <summary>Convolutions kept per curve, so a policy's many fleet sizes cost one pass up to the largest.</summary>
    private static readonly ConditionalWeakTable<ThroughputCurve, Tables> Cache = [];

    /// <summary>R_N(0 … N·c) for <paramref name="replicas"/> replicas behind <paramref name="choice"/>.</summary>
    public static double[] For(ThroughputCurve curve, int replicas, ReplicaChoice choice)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replicas);
        Tables tables = Cache.GetValue(curve, c => new Tables(c));
        return choice == ReplicaChoice.SimpleShuffle && replicas > 1 && replicas <= ExactSplitReplicas
               && (double)replicas * replicas * curve.MaxInFlight * curve.MaxInFlight <= MaxConvolutionWork
            ? tables.IndependentSplit(replicas)
            : tables.EvenSplit(replicas);
    }

    /// <summary>R_N(m) at the even split, m = 0 … N·c.</summary>
    public static double[] EvenSplit(ThroughputCurve curve, int replicas)
    {
        ReadOnlySpan<double> rates = curve.Rates;
        int c = curve.MaxInFlight;
        var fleet = new double[replicas * c + 1];
        for (int m = 1; m < fleet.Length; m++)
        {
            int q = m / replicas, r = m - q * replicas;
            fleet[m] = r * rates[Math.Min(q + 1, c)] + (replicas - r) * rates[q];
        }
        return fleet;
    }

    /// <summary>One curve's tables: the fleet rates by size and choice, and log W_k for k = 0 … the largest asked.</summary>
    private sealed class Tables(ThroughputCurve curve)
    {
        private readonly Dictionary<(int, bool), double[]> _rates = [];
        private readonly List<double[]> _logW = [[0.0]]; // log W_0 = log 1 on m = 0
        private double[]? _logw;

        public double[] EvenSplit(int replicas)
        {
            lock (this)
            {
                if (!_rates.TryGetValue((replicas, false), out double[]? rates))
                {
                    rates = SharedFleetRates.EvenSplit(curve, replicas);
                    _rates[(replicas, false)] = rates;
                }
                return rates;
            }
        }

        public double[] IndependentSplit(int replicas)
        {
            lock (this)
            {
                if (_rates.TryGetValue((replicas, true), out double[]? cached))
                {
                    return cached;
                }
                int c = curve.MaxInFlight;
                // log w(k) = −Σ_{j≤k} log R(j) (P̄ cancels in every ratio below).
                double[] logw = _logw ??= LogWeights(curve);
                while (_logW.Count <= replicas)
                {
                    _logW.Add(Convolve(_logW[^1], logw));
                }
                double[] all = _logW[replicas], others = _logW[replicas - 1];
                var rates = new double[replicas * c + 1];
                for (int m = 1; m < rates.Length; m++)
                {
                    // R_N(m) = N·[W_N(m−1) − w(c)·W_{N−1}(m−1−c)] / W_N(m), in logarithms.
                    double ratio = Math.Exp(all[m - 1] - all[m]);
                    double full = m - 1 - c >= 0 ? Math.Exp(logw[c] + others[m - 1 - c] - all[m]) : 0;
                    rates[m] = Math.Max(0, replicas * (ratio - full));
                }
                _rates[(replicas, true)] = rates;
                return rates;
            }
        }

        private static double[] LogWeights(ThroughputCurve curve)
        {
            var logw = new double[curve.MaxInFlight + 1];
            for (int k = 1; k < logw.Length; k++)
            {
                logw[k] = logw[k - 1] - Math.Log(curve.At(k));
            }
            return logw;
        }

        /// <summary>log of (W ⋆ w)(m) = Σ_k W(m − k)·w(k), each term kept as a logarithm.</summary>
        private static double[] Convolve(double[] logW, double[] logw)
        {
            int c = logw.Length - 1;
            var result = new double[logW.Length + c];
            for (int m = 0; m < result.Length; m++)
            {
                int from = Math.Max(0, m - (logW.Length - 1)), to = Math.Min(c, m);
                double max = double.NegativeInfinity;
                for (int k = from; k <= to; k++)
                {
                    max = Math.Max(max, logW[m - k] + logw[k]);
                }
                double sum = 0;
                for (int k = from; k <= to; k++)
                {
                    sum += Math.Exp(logW[m - k] + logw[k] - max);
                }
                result[m] = max + Math.Log(sum);
            }
            return result;
        }
    }
}
