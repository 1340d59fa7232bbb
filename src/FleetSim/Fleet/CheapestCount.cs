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

    /// <summary>
    /// What <see cref="Find"/> returns, found from a first guess in fewer evaluations when the cost is convex
    /// and each evaluation is within <paramref name="error"/> dollars of the convex cost it stands for.
    /// </summary>
    /// <remarks>
    /// A step s(k) = cost(k + 1) − cost(k) of the exact (convex) cost never decreases in k. So an evaluated
    /// step below −tolerance by more than the evaluations' error (5 × <paramref name="error"/>: two costs,
    /// their difference and <see cref="Find"/>'s own subtraction) means every step before it, as
    /// <see cref="Find"/> evaluates it, is below −tolerance too; one above −tolerance by that much means every
    /// step after it is not. Once a count k has such a step below at k − 1 (or k = 0) and above at k (or
    /// k = max), <see cref="Find"/>'s test is false before k and true from k on, whatever the rounding, and
    /// its bisection returns k: the same count, to the bit, from the same costs. The probes start at
    /// <paramref name="guess"/> and move, while the bottom is on one side only, by a Newton step with
    /// <paramref name="slope"/> (or, without one, by a gallop twice as far each time, and then along the
    /// line through the last two steps); once it is bracketed, to where the line through the nearest steps
    /// either side reaches −tolerance (regula falsi, with the Illinois rule: the end that stays twice running
    /// counts half as far, so a curved stretch cannot hold the line on one side). A step within the margin (a bottom flat
    /// to within the evaluations' error) hands over to <see cref="Find"/> itself, so the answer never rests
    /// on rounding.
    /// </remarks>
    /// <param name="cost">The cost of each count, asked only in [0, <paramref name="max"/>]; cheaper when it remembers what it was asked.</param>
    /// <param name="max">The largest count allowed, 0 or more.</param>
    /// <param name="tolerance">As for <see cref="Find"/>, 0 or more.</param>
    /// <param name="error">
    /// Dollars, 0 or more: a bound on how far any evaluated cost in [0, max] lies from a convex function of the
    /// count (its rounding and approximation error). Too small a bound for a cost that is not convex within it
    /// may give another answer than <see cref="Find"/>; the caller vouches for it.
    /// </param>
    /// <param name="guess">
    /// Where to start (clamped into [0, max − 1]), with how fast the steps grow there (<see cref="BottomGuess.Slope"/>,
    /// dollars per count per count; not above 0 for unknown) and how far off the count may be
    /// (<see cref="BottomGuess.Reach"/>, the first gallop without a slope). Only the number of evaluations depends
    /// on it. On return its slope is the one measured across the bottom (unchanged when the search handed over).
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A negative <paramref name="max"/>, <paramref name="tolerance"/> or <paramref name="error"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: a CLI run calls it once
    public static int FindNear<TCost>(TCost cost, int max, double tolerance, double error, ref BottomGuess guess)
        where TCost : ICountCost, allows ref struct
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);
        ArgumentOutOfRangeException.ThrowIfNegative(error);
        double margin = 5 * error;
        // Every count below low has a step below −tolerance; high is max or has a step at or above it.
        int low = 0, high = max;
        // The nearest probes either side of the bottom, with their steps; and the probe before this one.
        int below = -1, above = -1, previous = -1;
        double belowStep = 0, aboveStep = 0, previousStep = 0;
        int probe = Math.Clamp(guess.Count, 0, Math.Max(0, max - 1));
        int reach = Math.Max(1, guess.Reach);
        int lastMove = 0; // 1: the last probe moved low up; −1: it moved high down
        double belowWeight = 1, aboveWeight = 1;
        for (int round = 0; low < high; round++)
        {
            if (round == MaxProbes)
            {
                return Find(cost, max, tolerance);
            }
            double step = cost.Cost(probe + 1) - cost.Cost(probe);
            if (step >= -tolerance + margin)
            {
                (high, above, aboveStep) = (probe, probe, step);
            }
            else if (step < -tolerance - margin)
            {
                (low, below, belowStep) = (probe + 1, probe, step);
            }
            else
            {
                return Find(cost, max, tolerance); // flat to within the error here: only Find's own order of tests answers as Find does
            }
            if (low >= high)
            {
                break;
            }
            double target = -tolerance;
            bool lowMoved = probe == below;
            double next;
            if (below >= 0 && above >= 0)
            {
                // Regula falsi, Illinois-style: the side that did not move for a second time running counts
                // half as far from the target, so a curved stretch cannot hold the line on one side.
                if (lowMoved)
                {
                    belowWeight = 1;
                    aboveWeight = lastMove == 1 ? aboveWeight / 2 : 1;
                }
                else
                {
                    aboveWeight = 1;
                    belowWeight = lastMove == -1 ? belowWeight / 2 : 1;
                }
                double from = target - (target - belowStep) * belowWeight, to = target + (aboveStep - target) * aboveWeight;
                double at = below + (above - below) * ((target - from) / (to - from));
                next = double.IsFinite(at) ? Math.Ceiling(at) : low + (high - low) / 2;
            }
            else
            {
                int away = below >= 0 ? 1 : -1;
                double slope = previous >= 0 ? (step - previousStep) / (probe - previous) : guess.Slope;
                double newton = probe + (target - step) / slope;
                next = slope > 0 && double.IsFinite(newton) && (newton - probe) * away > 0
                    ? newton + away // one past the Newton step, to bracket the bottom
                    : probe + away * (double)reach;
                next = Math.Clamp(next, probe - 64.0 * reach, probe + 64.0 * reach);
                reach = (int)Math.Min(int.MaxValue / 4, 2L * reach);
            }
            (previous, previousStep, lastMove) = (probe, step, lowMoved ? 1 : -1);
            probe = (int)Math.Clamp(next, low, high - 1);
        }
        if (below >= 0 && above >= 0)
        {
            guess.Slope = (aboveStep - belowStep) / (above - below);
        }
        return low;
    }

    /// <summary>Probes <see cref="FindNear"/> makes before it hands over to <see cref="Find"/> (a bracket of 2³¹ halves in 31).</summary>
    private const int MaxProbes = 96;
}

/// <summary>
/// Where <see cref="CheapestCount.FindNear"/> starts: a count near the bottom, how far off it may be, and
/// how fast the cost's steps grow near it. A caller searching again and again (hour after hour) passes the
/// last answer and keeps the slope the search measured.
/// </summary>
/// <param name="Count">The guessed count.</param>
/// <param name="Reach">How far off it may be, in counts (the first gallop when the slope is unknown), at least 1.</param>
/// <param name="Slope">Dollars per count per count by which the step cost(k + 1) − cost(k) grows near the bottom; 0 or less: unknown.</param>
public record struct BottomGuess(int Count, int Reach, double Slope);
