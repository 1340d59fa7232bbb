namespace FleetSim.Tests.Routing.Priorities;

/// <summary>
/// An independent reference for trunk reservation: the birth–death chain's stationary law built upwards from state 0
/// in logarithms (log q(k) = Σ_{n&lt;k} log Λ(n) − log k!), normalised by log-sum-exp. FleetSim's
/// <c>ReservedSlotsLoss</c> sums downwards from the top state in plain doubles; the two share no code.
/// </summary>
internal static class BirthDeathReference
{
    /// <summary>Bᵢ = Σ_{k ≥ S − rᵢ} π(k) for each class (1 when rᵢ ≥ S).</summary>
    public static double[] Blocking(int slots, double[] erlangs, int[] reserved)
    {
        var logQ = new double[slots + 1];
        bool[] reachable = new bool[slots + 1];
        reachable[0] = true;
        for (int k = 1; k <= slots; k++)
        {
            double rate = 0;
            for (int i = 0; i < erlangs.Length; i++)
            {
                if (k - 1 < slots - reserved[i])
                {
                    rate += erlangs[i];
                }
            }
            reachable[k] = reachable[k - 1] && rate > 0;
            logQ[k] = reachable[k] ? logQ[k - 1] + Math.Log(rate) - Math.Log(k) : double.NegativeInfinity;
        }
        double max = logQ.Where((_, k) => reachable[k]).Max();
        double z = logQ.Where((_, k) => reachable[k]).Sum(l => Math.Exp(l - max));
        return [.. reserved.Select(r =>
        {
            int threshold = Math.Max(0, slots - r);
            double blocked = 0;
            for (int k = threshold; k <= slots; k++)
            {
                blocked += reachable[k] ? Math.Exp(logQ[k] - max) : 0;
            }
            return blocked / z;
        })];
    }
}
