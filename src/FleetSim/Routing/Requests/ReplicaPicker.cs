using System.Runtime.CompilerServices;
using FleetSim.Scenario;

namespace FleetSim.Routing.Requests;

/// <summary>
/// LiteLLM's routing_strategy within one order, weighted simple-shuffle or least-busy, by a look at
/// every replica: the law <see cref="EligibleReplicas{TState}"/> keeps, and what it runs for fleets
/// of up to <see cref="EligibleReplicas{TState}.ScanLimit"/> replicas, where a look costs less.
/// </summary>
public sealed class ReplicaPicker
{
    private readonly ReplicaChoice _choice;
    private readonly double[] _weights;
    private readonly bool _equalWeights;
    private readonly int[] _eligible;
    private readonly Random _random;
    private readonly Kernels.VectorRandom? _vector; // _random when it is the engine's own generator: called directly, so it can be inlined

    public ReplicaPicker(ReplicaChoice choice, int replicas, IReadOnlyList<double>? weights, Random random)
    {
        _choice = choice;
        _weights = weights is null ? [.. Enumerable.Repeat(1.0, replicas)] : [.. weights];
        _equalWeights = _weights.All(w => w == 1.0);
        _eligible = new int[_weights.Length];
        _random = random;
        _vector = random as Kernels.VectorRandom;
    }

    /// <summary>
    /// A replica among those <paramref name="view"/> calls eligible, or -1 when none is. simple-shuffle
    /// draws in proportion to weight; least-busy takes the smallest load, the first on a tie.
    /// </summary>
    /// <remarks>
    /// The view is a struct type parameter, so the runtime compiles this once per view and inlines
    /// its checks: the request engine calls it once per request (and per retry).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Pick<TView>(in TView view)
        where TView : struct, IReplicaView
    {
        if (_choice == ReplicaChoice.LeastBusy)
        {
            int best = -1, bestLoad = int.MaxValue;
            for (int r = 0; r < _weights.Length; r++)
            {
                if (view.Eligible(r))
                {
                    int load = view.Load(r);
                    if (load < bestLoad)
                    {
                        best = r;
                        bestLoad = load;
                    }
                }
            }
            return best;
        }
        if (_equalWeights)
        {
            return PickEqual(view);
        }
        double total = 0;
        for (int r = 0; r < _weights.Length; r++)
        {
            if (view.Eligible(r))
            {
                total += _weights[r];
            }
        }
        if (total <= 0)
        {
            return -1;
        }
        double u = NextDraw() * total;
        int last = -1;
        for (int r = 0; r < _weights.Length; r++)
        {
            if (!view.Eligible(r))
            {
                continue;
            }
            last = r;
            u -= _weights[r];
            if (u < 0)
            {
                return r;
            }
        }
        return last;
    }

    /// <summary>
    /// simple-shuffle with every weight 1: the ⌊u·k⌋-th of the k eligible replicas, the same draw and
    /// the same replica as the weighted walk, eligibility read once per replica.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int PickEqual<TView>(in TView view)
        where TView : struct, IReplicaView
    {
        int n = _weights.Length;
        int[] eligible = _eligible;
        int k = 0;
        for (int r = 0; r < n; r++)
        {
            // Always written, kept only when eligible: no branch on a replica's state to mispredict.
            eligible[k] = r;
            k += view.Eligible(r) ? 1 : 0;
        }
        if (k == 0)
        {
            return -1;
        }
        double u = NextDraw() * k;
        return eligible[Math.Min((int)u, k - 1)];
    }

    /// <summary>The routing stream's next uniform in [0, 1): the same draw whichever way it is reached.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double NextDraw() => _vector is { } vector ? vector.NextDouble() : _random.NextDouble();
}

/// <summary>What the picker needs to know of each replica at the moment of a pick.</summary>
public interface IReplicaView
{
    /// <summary>Whether replica <paramref name="replica"/> may be picked now.</summary>
    bool Eligible(int replica);

    /// <summary>least-busy's count for replica <paramref name="replica"/>: its requests in flight.</summary>
    int Load(int replica);
}
