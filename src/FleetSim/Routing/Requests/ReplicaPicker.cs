using FleetSim.Scenario;

namespace FleetSim.Routing.Requests;

/// <summary>LiteLLM's routing_strategy within one order: weighted simple-shuffle or least-busy.</summary>
public sealed class ReplicaPicker
{
    private readonly ReplicaChoice _choice;
    private readonly double[] _weights;
    private readonly Random _random;

    public ReplicaPicker(ReplicaChoice choice, int replicas, IReadOnlyList<double>? weights, Random random)
    {
        _choice = choice;
        _weights = weights is null ? [.. Enumerable.Repeat(1.0, replicas)] : [.. weights];
        _random = random;
    }

    /// <summary>
    /// A replica among those <paramref name="eligible"/> allows, or -1 when none is. simple-shuffle draws
    /// in proportion to weight; least-busy takes the smallest <paramref name="load"/>, the first on a tie.
    /// </summary>
    public int Pick<TState>(TState state, Func<TState, int, bool> eligible, Func<TState, int, int> load)
    {
        if (_choice == ReplicaChoice.LeastBusy)
        {
            int best = -1, bestLoad = int.MaxValue;
            for (int r = 0; r < _weights.Length; r++)
            {
                if (eligible(state, r) && load(state, r) < bestLoad)
                {
                    best = r;
                    bestLoad = load(state, r);
                }
            }
            return best;
        }
        double total = 0;
        for (int r = 0; r < _weights.Length; r++)
        {
            if (eligible(state, r))
            {
                total += _weights[r];
            }
        }
        if (total <= 0)
        {
            return -1;
        }
        double u = _random.NextDouble() * total;
        int last = -1;
        for (int r = 0; r < _weights.Length; r++)
        {
            if (!eligible(state, r))
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
}
