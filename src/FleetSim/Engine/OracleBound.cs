using FleetSim.Scaling;
using FleetSim.Traffic;
using FleetSim.Units;

namespace FleetSim.Engine;

/// <summary>
/// The oracle: a lower bound on what any fleet could cost for the month that actually comes. In every
/// minute it runs the number of whole nodes that makes that minute cheapest, knowing the minute's
/// demand, paying the cheapest node price the scenario offers with no billing rounding, minimum
/// charge, provisioning delay, failure or preemption.
/// </summary>
/// <remarks>
/// Why it is a bound: the minute kernels are separable (what a minute serves depends only on its own
/// demand and the replicas serving), and serve more with more replicas. A deployable policy that
/// serves s replicas in minute m pays for at least ⌈s ÷ per node⌉ nodes that minute at no less than
/// the cheapest price, and the API for what s replicas leave; the oracle's choice for that minute
/// costs no more. Summed over minutes, no policy's bill is below the oracle's.
/// </remarks>
public static class OracleBound
{
    public const string Name = "oracle";

    /// <summary>The oracle's minutes and node time for <paramref name="actual"/>; price it with <c>Bill.For</c>.</summary>
    /// <param name="maxNodes">The scenario's node cap (<c>scaling.max_nodes</c>), which binds every fleet and so the bound too.</param>
    public static PolicyRun Run(DemandSeries actual, FleetEconomics economics, int? maxNodes)
    {
        int minutes = actual.Minutes;
        ReadOnlySpan<double> demand = actual.Rate;
        int perNode = economics.ReplicasPerNode;
        double peak = 0;
        foreach (double d in demand)
        {
            peak = Math.Max(peak, d);
        }
        int useful = (int)Math.Ceiling(peak / (economics.Replica.Throughput.Value * perNode)) + 2;
        int limit = Math.Min(useful, maxNodes ?? int.MaxValue);
        var bestCost = new double[minutes];
        var bestServed = new double[minutes];
        var bestNodes = new int[minutes];
        var served = new double[minutes];
        // No nodes: every minute's demand goes to the API.
        for (int m = 0; m < minutes; m++)
        {
            bestCost[m] = economics.Cost(0, 1, demand[m], economics.CheapestNodeUsdPerMinute);
        }
        // One vectorized pass over the month per node count; each minute keeps its cheapest.
        for (int nodes = 1; nodes <= limit; nodes++)
        {
            MinuteEngine.ServeSpan(demand, economics.RouterFor(nodes * perNode), served);
            for (int m = 0; m < minutes; m++)
            {
                double cost = economics.Cost(nodes, 1, Math.Max(0, demand[m] - served[m]), economics.CheapestNodeUsdPerMinute);
                if (cost < bestCost[m] - 1e-12)
                {
                    bestCost[m] = cost;
                    bestServed[m] = served[m];
                    bestNodes[m] = nodes;
                }
            }
        }
        var serving = new int[minutes];
        double servedSum = 0, nodeMinutes = 0;
        int changes = 0;
        for (int m = 0; m < minutes; m++)
        {
            serving[m] = bestNodes[m] * perNode;
            servedSum += bestServed[m];
            nodeMinutes += bestNodes[m];
            changes += m > 0 && bestNodes[m] != bestNodes[m - 1] ? 1 : 0;
        }
        return new PolicyRun(Name, actual, bestServed, serving, [], new Tokens(servedSum * 60.0),
                             economics.Replica.Throughput.Value, changes, 0, 0, 0)
        { BoundNodeMinutes = nodeMinutes };
    }
}
