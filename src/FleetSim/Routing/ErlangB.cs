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
/// the slots. This is the scalar reference; the minute kernel runs the same sum across many
/// minutes at once.
/// </remarks>
public static class ErlangB
{
    public const double NegligibleTerm = 1e-17;
    public const double NegligibleLoss = 1e300;

    public static double Loss(int slots, double erlangs)
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
            return slots == 0 ? 1 : 0;
        }
        double inverseLoad = 1.0 / erlangs;
        double term = 1, sum = 1;
        for (int m = 0; m < slots; m++)
        {
            term *= (slots - m) * inverseLoad;
            sum += term;
            // Checked every fourth term (as the vector kernel checks every eighth): the terms added
            // past convergence are below 1e−17 of the sum, and the loop stays branch-light.
            if ((m & 3) == 3 && (term < NegligibleTerm * sum || sum > NegligibleLoss))
            {
                break;
            }
        }
        return 1.0 / sum;
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
