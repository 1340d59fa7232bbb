using System.Runtime.CompilerServices;

namespace FleetSim.Fleet;

/// <summary>What a fleet of some whole count (of nodes, of replicas) costs, in dollars, for <see cref="CheapestCount"/>.</summary>
public interface ICountCost
{
    /// <summary>The cost of <paramref name="count"/> (0 or more) over whatever span the implementation prices.</summary>
    double Cost(int count);
}

/// <summary>
/// The cheapest fleet size without trying every size. Rent grows by the same amount with each node,
/// and what each added node keeps off the API shrinks (the Erlang-B fleet's carried load is concave
/// in its slots, Messerli 1972, and min(demand, capacity) is concave in capacity), so the cost of a
/// count falls, then rises: it is convex in the count, and its steps cost(k + 1) − cost(k) never
/// decrease. Bisection on the sign of a step then finds the bottom in about 2·log₂(max) evaluations,
/// where stepping one count at a time takes max: a 10,000-replica fleet takes some 30 instead of 5,000.
/// </summary>
public static class CheapestCount
{
    /// <summary>
    /// The first count k in [0, <paramref name="max"/>] whose next count is not cheaper by more than
    /// <paramref name="tolerance"/> dollars (cost(k + 1) ≥ cost(k) − tolerance), or <paramref name="max"/>
    /// when every step pays. For a convex cost this is the count that stepping up from 0 keeps when it
    /// keeps a count only if it is cheaper than the best so far by more than the tolerance (ties go to
    /// fewer), unless the bottom is flat to within the tolerance per step over several counts (then the
    /// two answers' costs differ by less than the tolerance per count between them).
    /// </summary>
    /// <param name="cost">The cost of each count; asked about 2·log₂(max) times, never outside [0, max].</param>
    /// <param name="max">The largest count allowed, 0 or more.</param>
    /// <param name="tolerance">Dollars by which a larger count must be cheaper to be worth it, 0 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative <paramref name="max"/> or <paramref name="tolerance"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: a CLI run calls it once
    public static int Find<TCost>(TCost cost, int max, double tolerance) where TCost : ICountCost, allows ref struct
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);
        // The answer lies in [low, high]: every count below low is followed by a cheaper one, and high
        // is either max or a count whose next is not cheaper.
        int low = 0, high = max;
        while (low < high)
        {
            int mid = low + (high - low) / 2;
            if (cost.Cost(mid + 1) >= cost.Cost(mid) - tolerance)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }
        return low;
    }
}
