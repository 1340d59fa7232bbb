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

    /// <summary>
    /// The most nodes the bound tries in a minute when the scenario sets no cap: far past any fleet a
    /// scenario can ask for (100,000 replicas), so the search ends where adding a node stops paying.
    /// </summary>
    private const int MaxNodes = 100_000;

    /// <summary>How tables and charts name a policy: the oracle as "oracle (bound)", any other by its name.</summary>
    public static string Label(string policy) => policy == Name ? $"{Name} (bound)" : policy;

    /// <summary>
    /// Up to this many node counts worth trying, every count runs over the whole month (one vectorized
    /// pass each); past that each minute finds its own count by walking from its neighbour's.
    /// </summary>
    public const int SteppedUpTo = 64;

    /// <summary>Dollars by which a larger count must be cheaper in a minute to be chosen.</summary>
    private const double Tolerance = 1e-12;

    /// <summary>The oracle's minutes and node time for <paramref name="actual"/>; price it with <c>Bill.For</c>.</summary>
    /// <param name="maxNodes">The scenario's node cap (<c>scaling.max_nodes</c>), which binds every fleet and so the bound too.</param>
    public static PolicyRun Run(DemandSeries actual, FleetEconomics economics, int? maxNodes)
    {
        int minutes = actual.Minutes;
        ReadOnlySpan<double> demand = actual.Rate;
        int perNode = economics.ReplicasPerNode;
        double nodeUsdPerMinute = economics.CheapestNodeUsdPerMinute;
        int limit = Math.Min(maxNodes ?? MaxNodes, MaxNodes);
        var bestCost = new double[minutes];
        var bestServed = new double[minutes];
        var bestNodes = new int[minutes];
        // No nodes: every minute's demand goes to the API.
        for (int m = 0; m < minutes; m++)
        {
            bestCost[m] = economics.Cost(0, 1, demand[m], nodeUsdPerMinute);
        }
        // n nodes cost at least n × the node price in any minute, so no count whose rent alone reaches
        // a minute's all-API cost can win there, nor anywhere once it passes every minute's.
        int worthTrying = (int)Math.Min(limit, Math.Ceiling(Max(bestCost) / nodeUsdPerMinute));
        if (worthTrying <= SteppedUpTo)
        {
            EveryCount(demand, economics, limit, bestCost, bestServed, bestNodes);
        }
        else
        {
            OracleMinuteSearch.Run(demand, economics, limit, Tolerance, bestCost, bestServed, bestNodes);
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

    /// <summary>
    /// One vectorized pass over the month per node count; each minute keeps its cheapest. Once a count's
    /// rent passes every minute's best so far no larger count can win anywhere, and the search is
    /// exact. (With few slots per node and a dear API, counts well above the peak's still pay: Erlang B
    /// falls slowly.)
    /// </summary>
    private static void EveryCount(ReadOnlySpan<double> demand, FleetEconomics economics, int limit,
                                   double[] bestCost, double[] bestServed, int[] bestNodes)
    {
        int minutes = demand.Length;
        int perNode = economics.ReplicasPerNode;
        double nodeUsdPerMinute = economics.CheapestNodeUsdPerMinute;
        var served = new double[minutes];
        for (int nodes = 1; nodes <= limit && nodes * nodeUsdPerMinute < Max(bestCost); nodes++)
        {
            MinuteEngine.ServeSpan(demand, economics.RouterFor(nodes * perNode), served);
            for (int m = 0; m < minutes; m++)
            {
                double cost = economics.Cost(nodes, 1, Math.Max(0, demand[m] - served[m]), nodeUsdPerMinute);
                if (cost < bestCost[m] - Tolerance)
                {
                    bestCost[m] = cost;
                    bestServed[m] = served[m];
                    bestNodes[m] = nodes;
                }
            }
        }
    }

    private static double Max(ReadOnlySpan<double> costs)
    {
        double max = 0;
        foreach (double c in costs)
        {
            max = Math.Max(max, c);
        }
        return max;
    }
}
