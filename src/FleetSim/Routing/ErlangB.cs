using System.Runtime.CompilerServices;

namespace FleetSim.Routing;

/// <summary>
/// The Erlang-B loss probability: the share of requests that find all <c>slots</c> busy when
/// <c>erlangs</c> of load is offered, with no waiting room. Insensitive to the service-time
/// distribution, so it holds for any request-size mix.
/// </summary>
/// <remarks>
/// Computed as B = 1 / Σ_{m=0..N} t_m with t_0 = 1 and t_{m+1} = t_m·(N−m)/A: every term is
/// positive, so nothing cancels and the sum is stable for any N (tested to 100,000 slots). The sum
/// stops once the next term is below 1e−17 of it, or once it passes 1e300 (then B is below 1e−300,
/// zero for any bill, and is returned as 1/sum). The terms grow while m &lt; N − A and shrink after,
/// so a sum needs about N − A + 6·√A terms at most, and far fewer where the load is near or above
/// the slots. Past 4,096 slots a load from 0.8 to 1.25 times them takes <see cref="ErlangBIntegral"/> instead
/// (the same quantity as an integral, in a fixed 40 evaluations, to a relative 1e−12), so the minute
/// kernels, which stop the sum once B can no longer change what is served
/// (<see cref="ServedUnchangedAbove"/>), need at most about 175 terms a minute however large the
/// fleet. This is the scalar reference; the minute kernel runs the same sum across many minutes at once.
/// </remarks>
public static class ErlangB
{
    /// <summary>The sum stops once the next term is below this share of it.</summary>
    public const double NegligibleTerm = 1e-17;

    /// <summary><see cref="Loss"/> stops once the sum (1/B) passes this: B is then below 1e−300.</summary>
    public const double NegligibleLoss = 1e300;

    /// <summary>
    /// Where the minute kernels stop the sum: once 1/B passes 10¹⁷, B is below 10⁻¹⁷, and demand·(1 − B)
    /// and demand − demand·B both round to demand itself (half a unit in the last place of a double x is
    /// at least 2⁻⁵⁴·x ≈ 5.6e−17·x). So served tok/s come out the same to the last bit as with the full sum,
    /// while a large fleet well below its load stops after about 39 / ln(N/A) terms instead of thousands
    /// (and near A = N after about 9√N, where the terms fall as a Gaussian of width √N).
    /// </summary>
    public const double ServedUnchangedAbove = 1e17;

    /// <summary>
    /// Above this many slots (where the minute kernels' tables end), a load from 0.8 to 1.25 times the
    /// slots takes the fixed-cost integral (<see cref="ErlangBIntegral"/>, relative 1e−12) instead of
    /// the sum, which needs over a hundred terms there and about 9√N near A = N (3,700 at 166,000 slots).
    /// </summary>
    public const int IntegralFromSlots = ErlangBTable.MaxSlots;

    /// <summary>The integral's band of offered load per slot, from here…: below, the sum needs under 39 / ln(1/0.8) ≈ 175 terms to leave served unchanged.</summary>
    public const double IntegralFromLoad = 0.8;

    /// <summary>…to here: above, the sum's terms fall by at least 1/1.25 each, under 175 of them to 1e−17.</summary>
    public const double IntegralToLoad = 1.25;

    /// <summary>
    /// B(N, A) in [0, 1] for <paramref name="slots"/> = N ≥ 0 and <paramref name="erlangs"/> = A ≥ 0: to a
    /// relative 1e−15 by the sum (its rounding), 1e−12 where the integral takes over.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative slots, or a negative or NaN load.</exception>
    public static double Loss(int slots, double erlangs) => 1.0 / InverseLoss(slots, erlangs, NegligibleLoss);

    /// <summary>
    /// 1/B(N, A): the sum itself, stopped once it passes <paramref name="stopAbove"/> (then B is below
    /// 1/<paramref name="stopAbove"/>, and the value returned is a lower bound on the true 1/B).
    /// <see cref="ServedUnchangedAbove"/> is the stop for what is served; <see cref="NegligibleLoss"/> for B itself.
    /// </summary>
    /// <returns>The sum, at least 1; +∞ when A = 0 and N ≥ 1 (nothing is lost), 1 when N = 0 (everything is).</returns>
    /// <exception cref="ArgumentOutOfRangeException">Negative slots, or a negative or NaN load.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: a CLI run calls it once
    public static double InverseLoss(int slots, double erlangs, double stopAbove)
    {
        if (slots < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(slots), slots, "slots cannot be negative");
        }
        if (erlangs < 0 || double.IsNaN(erlangs))
        {
            throw new ArgumentOutOfRangeException(nameof(erlangs), erlangs, "offered load cannot be negative");
        }
        if (erlangs == 0)
        {
            return slots == 0 ? 1 : double.PositiveInfinity;
        }
        if (slots > IntegralFromSlots && erlangs >= IntegralFromLoad * slots && erlangs <= IntegralToLoad * slots)
        {
            return ErlangBIntegral.InverseLoss(slots, erlangs);
        }
        double inverseLoad = 1.0 / erlangs;
        double term = 1, sum = 1;
        for (int m = 0; m < slots; m++)
        {
            term *= (slots - m) * inverseLoad;
            sum += term;
            // Checked every fourth term (as the vector kernel checks every eighth): the terms added
            // past convergence are below 1e−17 of the sum, and the loop stays branch-light.
            if ((m & 3) == 3 && (term < NegligibleTerm * sum || sum > stopAbove))
            {
                break;
            }
        }
        return sum;
    }

    /// <summary>The textbook recursion B(n) = A·B(n−1)/(n + A·B(n−1)), for cross-checking.</summary>
    public static double LossByRecursion(int slots, double erlangs)
    {
        double b = 1;
        for (int n = 1; n <= slots; n++)
        {
            b = erlangs * b / (n + erlangs * b);
        }
        return b;
    }
}
