using System.Runtime.CompilerServices;
using FleetSim.Routing;
using FleetSim.Scaling;

namespace FleetSim.Engine;

/// <summary>
/// The oracle's search for fleets of many nodes: each minute's cheapest node count, found on its own
/// rather than by running every count over the whole month. A minute's cost, rent plus the API for
/// what its nodes leave, is convex in the count (<see cref="Fleet.CheapestCount"/>), so the first count
/// whose next is not cheaper by more than the tolerance is the one stepping up from no nodes keeps,
/// and a walk from any count reaches it. Minutes are walked in order of demand, each from the count
/// the one before ended on: the cheapest count rises with demand, so the walks together cross the
/// range of counts about once, and a month costs a few evaluations a minute however large the fleet
/// (a walk that would go far gallops, then bisects: the first minute's starts from no nodes).
/// </summary>
internal static class OracleMinuteSearch
{
    /// <summary>
    /// Fills each minute's cheapest count, its served tok/s and its cost (which starts as the minute's
    /// all-API cost, the cost of no nodes), trying no count above <paramref name="limit"/> nor any
    /// whose rent alone reaches the minute's all-API cost.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: a CLI run calls it once
    public static void Run(ReadOnlySpan<double> demand, FleetEconomics economics, int limit, double tolerance,
                           double[] bestCost, double[] bestServed, int[] bestNodes)
    {
        int minutes = demand.Length;
        var order = new int[minutes];
        var keys = new double[minutes];
        for (int m = 0; m < minutes; m++)
        {
            order[m] = m;
            keys[m] = demand[m];
        }
        Array.Sort(keys, order);
        var routers = new Dictionary<int, MinuteRouter>();
        var minute = new MinuteCost(economics, routers);
        int nodes = 0;
        foreach (int m in order)
        {
            double d = demand[m];
            double allApi = bestCost[m];
            // The most nodes worth trying: their rent stays below the minute's all-API cost.
            int most = (int)Math.Min(limit, Math.Max(0, Math.Ceiling(allApi / economics.CheapestNodeUsdPerMinute) - 1));
            nodes = Math.Min(nodes, most);
            minute.Reset(d, allApi);
            nodes = FirstStop(minute, nodes, most, tolerance);
            bestNodes[m] = nodes;
            bestCost[m] = minute.Cost(nodes, out double served);
            bestServed[m] = served;
        }
    }

    /// <summary>
    /// The first count n in [0, <paramref name="most"/>] at which the next is not cheaper by more than
    /// the tolerance (<paramref name="most"/> has no next worth trying and counts as stopping), from a
    /// guess: steps of 1, 2, 4, … away from it until the answer is bracketed, then bisection, so a
    /// guess d counts off costs about 4·log₂ d evaluations. The test is false below the answer and
    /// true from it on, since the steps of a convex cost never decrease.
    /// </summary>
    private static int FirstStop(MinuteCost minute, int guess, int most, double tolerance)
    {
        bool Stops(int n) => n >= most || minute.StopsAt(n, tolerance);
        int low, high; // the answer lies in (low, high]: Stops(low) is false (or low = −1), Stops(high) is true
        if (Stops(guess))
        {
            high = guess;
            low = guess - 1;
            for (int step = 1; low >= 0 && Stops(low); step *= 2)
            {
                high = low;
                low = Math.Max(-1, high - 2 * step);
            }
        }
        else
        {
            low = guess;
            high = guess + 1;
            for (int step = 1; !Stops(high); step *= 2)
            {
                low = high;
                high = Math.Min(most, low + 2 * step);
            }
        }
        while (high - low > 1)
        {
            int mid = low + (high - low) / 2;
            if (Stops(mid))
            {
                high = mid;
            }
            else
            {
                low = mid;
            }
        }
        return high;
    }

    /// <summary>One minute's cost by node count, remembering the last few it priced (a walk asks for each count about twice).</summary>
    private sealed class MinuteCost(FleetEconomics economics, Dictionary<int, MinuteRouter> routers)
    {
        private readonly double[] _demand = new double[1];
        private readonly double[] _served = new double[1];
        private readonly (int Nodes, double Cost, double Served)[] _recent = new (int, double, double)[4];
        private int _next;
        private double _allApi;

        public void Reset(double demand, double allApi)
        {
            _demand[0] = demand;
            _allApi = allApi;
            _recent.AsSpan().Fill((-1, 0, 0));
        }

        /// <summary>Whether <paramref name="nodes"/> + 1 nodes are not cheaper than <paramref name="nodes"/> by more than the tolerance.</summary>
        public bool StopsAt(int nodes, double tolerance) => Cost(nodes + 1, out _) >= Cost(nodes, out _) - tolerance;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: a CLI run calls it once
        public double Cost(int nodes, out double served)
        {
            foreach (var (n, c, s) in _recent)
            {
                if (n == nodes)
                {
                    served = s;
                    return c;
                }
            }
            double cost;
            if (nodes == 0)
            {
                served = 0;
                cost = _allApi;
            }
            else
            {
                int replicas = nodes * economics.ReplicasPerNode;
                if (!routers.TryGetValue(replicas, out MinuteRouter router))
                {
                    router = economics.RouterFor(replicas);
                    routers[replicas] = router;
                }
                MinuteEngine.ServeSpan(_demand, router, _served);
                served = _served[0];
                cost = economics.Cost(nodes, 1, Math.Max(0, _demand[0] - served), economics.CheapestNodeUsdPerMinute);
            }
            _recent[_next] = (nodes, cost, served);
            _next = (_next + 1) % _recent.Length;
            return cost;
        }
    }
}
