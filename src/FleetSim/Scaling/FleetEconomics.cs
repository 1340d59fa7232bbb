using System.Runtime.CompilerServices;
using FleetSim.Engine;
using FleetSim.Fleet;
using FleetSim.Pricing;
using FleetSim.Routing;
using FleetSim.Scenario;

namespace FleetSim.Scaling;

/// <summary>
/// What a replica count costs and serves over a span of minutes: the numbers every policy that
/// sizes by the break-even rule needs, and the minute router for any fleet size.
/// </summary>
public sealed class FleetEconomics
{
    private readonly ScenarioSpec _scenario;

    public FleetEconomics(ScenarioSpec scenario)
    {
        if (MinuteRouter.WhyNoMinuteForm(scenario.Router, scenario.Replica, scenario.Traffic.RequestMix) is { } why)
        {
            throw new NoMinuteFormException(
                $"policies run on the minute engine, and {why}. `fleetsim run --engine request` runs this router on a fixed fleet; " +
                (scenario.Replica.SharesByLoad
                    ? "to compare policies with a measured throughput curve, use router.mode spill (or fluid)"
                    : "to compare policies, pick a router with a minute form (spill, or queue with patience_seconds and simple-shuffle)"));
        }
        _scenario = scenario;
        Prices = new ScenarioPrices(scenario);
        Replica = scenario.Replica;
        ReplicasPerNode = scenario.Replica.ReplicasPerNode;
        // Policies plan at what the fleet they start with pays (the base fleet's price): a static fleet
        // is all base, and planning at a cheaper burst price would buy base nodes it cannot afford.
        NodeUsdPerMinute = Prices.Nodes.UsdPerNodeHour(Prices.Nodes.BaseKind) / 60.0;
        CheapestNodeUsdPerMinute = Prices.Nodes.LowerBound(1);
        ApiUsdPerToken = Prices.ApiPerMillion.Value / 1e6;
        _routers = new MinuteRouter[1025];
        for (int r = 0; r < _routers.Length; r++)
        {
            _routers[r] = Build(r);
        }
    }

    /// <summary>The scenario's prices, which every cost here is read from.</summary>
    public ScenarioPrices Prices { get; }

    public ReplicaSpec Replica { get; }

    public int ReplicasPerNode { get; }

    /// <summary>What one node of the base fleet costs per minute (on demand, or spot with <c>pricing.base_fleet: spot</c>): the price policies plan at.</summary>
    public double NodeUsdPerMinute { get; }

    /// <summary>What one node costs per minute at the cheapest price the scenario offers (for bounds).</summary>
    public double CheapestNodeUsdPerMinute { get; }

    /// <summary>$ per processed token at the API for the traffic's mix.</summary>
    public double ApiUsdPerToken { get; }

    /// <summary>
    /// The planning cost of a span: <paramref name="nodes"/> nodes for <paramref name="minutes"/> minutes
    /// at <paramref name="nodeUsdPerMinute"/>, plus the API for <paramref name="unservedRateSum"/>
    /// (tok/s summed over the span's minutes) it leaves unserved. What policies minimise.
    /// </summary>
    public double Cost(int nodes, int minutes, double unservedRateSum, double nodeUsdPerMinute) =>
        nodes * nodeUsdPerMinute * minutes + unservedRateSum * 60.0 * ApiUsdPerToken;

    public int NodesFor(int replicas) => (replicas + ReplicasPerNode - 1) / ReplicasPerNode;

    /// <summary>
    /// The minute router for a fleet of <paramref name="replicas"/>. Fleets up to 1,024 replicas are
    /// built once, up front, so threads sharing these economics only ever read them.
    /// </summary>
    public MinuteRouter RouterFor(int replicas) =>
        replicas < _routers.Length ? _routers[replicas] : Build(replicas);

    private MinuteRouter Build(int replicas) =>
        MinuteRouter.For(_scenario.Router, new FleetShape(replicas, Replica), _scenario.Traffic.RequestMix);

    private readonly MinuteRouter[] _routers;

    /// <summary>Node rent plus the API's bill for what <paramref name="replicas"/> leave unserved over the span.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: a CLI run calls it once
    public double SpanCost(ReadOnlySpan<double> demand, int replicas, Span<double> scratch)
    {
        double demanded = 0;
        foreach (double d in demand)
        {
            demanded += d;
        }
        double served = replicas == 0 ? 0 : MinuteEngine.ServeSpan(demand, RouterFor(replicas), scratch[..demand.Length]);
        return Cost(NodesFor(replicas), demand.Length, Math.Max(0, demanded - served), NodeUsdPerMinute);
    }

    /// <summary>
    /// The replica count that makes the span cheapest (break-even rule: a replica is worth adding
    /// while what it keeps off the API costs more than its node time). Ties go to fewer replicas.
    /// Up to <see cref="SteppedUpTo"/> candidate counts every count is tried in turn; past that the
    /// cheapest whole-node count is found by bisection (<see cref="CheapestCount"/>: the span's cost is
    /// convex in its nodes) and the counts on that node are tried in turn, so the work grows with the
    /// logarithm of the fleet, not the fleet.
    /// </summary>
    /// <param name="demand">The span's tok/s, one value a minute.</param>
    /// <param name="maxReplicas">The most replicas the answer may have.</param>
    /// <param name="scratch">At least <paramref name="demand"/>'s length of room for served tok/s.</param>
    public int BestReplicas(ReadOnlySpan<double> demand, int maxReplicas, Span<double> scratch)
    {
        double slope = 0;
        return BestReplicas(demand, maxReplicas, scratch, -1, ref slope);
    }

    /// <summary>
    /// As <see cref="BestReplicas(ReadOnlySpan{double}, int, Span{double})"/>, the same count to the bit, with a
    /// guess at it where a large fleet's search starts (<see cref="CheapestCount.FindNear"/>): a policy sizing
    /// hour after hour passes its last answer scaled by the demand, and the slope the last search measured,
    /// which saves most of the search's costs.
    /// </summary>
    /// <param name="guessReplicas">A guess at the answer, in replicas; negative: none (the count whose capacity meets the span's mean demand).</param>
    /// <param name="stepSlope">
    /// Dollars per node per node by which a node's step in cost grows near the bottom (0: unknown); on return,
    /// the slope this search measured, for the next (unchanged when it measured none).
    /// </param>
    public int BestReplicas(ReadOnlySpan<double> demand, int maxReplicas, Span<double> scratch, int guessReplicas, ref double stepSlope)
    {
        double peak = 0;
        foreach (double d in demand)
        {
            peak = Math.Max(peak, d);
        }
        int useful = (int)Math.Min(int.MaxValue / 2, Math.Ceiling(peak / Replica.Throughput.Value) + 2 * ReplicasPerNode);
        int limit = Math.Min(maxReplicas, useful);
        if (limit <= SteppedUpTo)
        {
            return Stepped(demand, 0, limit, scratch);
        }
        // Within a node more replicas serve more for the same rent, so the cheapest count fills its
        // node, or ties with the full node and takes fewer replicas on it: search whole nodes, then step
        // through the cheapest node's counts from the full node before it, as stepping from 0 would
        // arrive there (no count on a later node is cheaper by more than the tolerance: the full next
        // node is not, and fewer replicas on it serve less for the same rent).
        int nodes = NodesFor(limit);
        Span<int> askedReplicas = stackalloc int[RememberedCosts];
        Span<double> askedCosts = stackalloc double[RememberedCosts];
        Span<int> asked = stackalloc int[1];
        var costs = new SpanCostOfNodes(this, demand, scratch, limit, askedReplicas, askedCosts, asked);
        int cheapest;
        if (ConvexInNodes)
        {
            // Start where the fleet's capacity meets the span's mean demand; the bottom of a large fleet lies near it.
            double demanded = 0;
            foreach (double d in demand)
            {
                demanded += d;
            }
            double mean = demanded / demand.Length;
            int guess = NodesFor(guessReplicas >= 0 ? Math.Min(limit, guessReplicas) : (int)Math.Min(limit, Math.Ceiling(mean / Replica.Throughput.Value)));
            var start = new BottomGuess(guess, Math.Max(1, guessReplicas >= 0 ? guess / 512 : guess / 64), stepSlope);
            cheapest = CheapestCount.FindNear(costs, nodes, Tolerance, CostError(demanded, nodes, demand.Length), ref start);
            stepSlope = start.Slope;
        }
        else
        {
            cheapest = CheapestCount.Find(costs, nodes, Tolerance);
        }
        return Stepped(costs, Math.Max(0, (cheapest - 1) * ReplicasPerNode), (int)Math.Min(limit, (long)cheapest * ReplicasPerNode));
    }

    /// <summary>
    /// Whether a span's cost is convex in its nodes, so <see cref="CheapestCount.FindNear"/> may stand in for
    /// <see cref="CheapestCount.Find"/>: spill on the slot model (Erlang B's carried load is concave in the
    /// slots, Messerli 1972) and fluid (min(demand, capacity) is concave in capacity). Other routers keep the
    /// plain bisection.
    /// </summary>
    private bool ConvexInNodes =>
        _scenario.Router.Mode == RouterMode.Fluid || (_scenario.Router.Mode == RouterMode.Spill && !Replica.SharesByLoad);

    /// <summary>
    /// A bound, in dollars, on how far <see cref="SpanCost"/> lies from the exact cost of any fleet up to
    /// <paramref name="nodes"/> over a span with <paramref name="demanded"/> tok/s summed over its minutes.
    /// </summary>
    /// <remarks>
    /// Each minute's served tok/s is demand·(1 − B) with B within 1e−12 of Erlang B (relative 1e−12 on 1/B by
    /// the integral past 4,096 slots, ErlangBTable within 1e−12 below, the series to rounding and stopped
    /// where B is below 1e−17; fluid is exact), so the span's served sum is within demanded·(1e−12 + a few
    /// units in the last place per minute), and the API's bill within that × 60 × $/token; rent is three
    /// products. In all, below 3e−12 of (all-API bill + the largest fleet's rent); the bound taken is
    /// 1e−9 of it, over 300 times that.
    /// </remarks>
    private double CostError(double demanded, int nodes, int minutes) =>
        1e-11 * (demanded * 60.0 * ApiUsdPerToken + nodes * NodeUsdPerMinute * minutes);

    /// <summary>Costs one search remembers (it asks for some 10 to 30); past them it computes again.</summary>
    private const int RememberedCosts = 64;

    /// <summary>Up to this many candidate replica counts, <see cref="BestReplicas"/> tries each one.</summary>
    public const int SteppedUpTo = 64;

    /// <summary>Dollars by which a larger fleet must be cheaper over the span to be chosen.</summary>
    private const double Tolerance = 1e-9;

    /// <summary>Tries every count from <paramref name="from"/> to <paramref name="to"/> in turn, keeping one only when it is cheaper by more than the tolerance.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: a CLI run calls it once
    private int Stepped(ReadOnlySpan<double> demand, int from, int to, Span<double> scratch)
    {
        int best = from;
        double bestCost = SpanCost(demand, from, scratch);
        for (int r = from + 1; r <= to; r++)
        {
            double cost = SpanCost(demand, r, scratch);
            if (cost < bestCost - Tolerance)
            {
                best = r;
                bestCost = cost;
            }
        }
        return best;
    }

    /// <summary>As <see cref="Stepped(ReadOnlySpan{double}, int, int, Span{double})"/>, with the costs a search already asked for taken from it.</summary>
    private static int Stepped(SpanCostOfNodes costs, int from, int to)
    {
        int best = from;
        double bestCost = costs.OfReplicas(from);
        for (int r = from + 1; r <= to; r++)
        {
            double cost = costs.OfReplicas(r);
            if (cost < bestCost - Tolerance)
            {
                best = r;
                bestCost = cost;
            }
        }
        return best;
    }

    /// <summary>
    /// The span's cost with a number of whole nodes' replicas, capped at the search's limit, remembering the
    /// costs it computed (the same replicas always cost the same, to the bit) so no count is priced twice.
    /// </summary>
    private readonly ref struct SpanCostOfNodes : ICountCost
    {
        private readonly FleetEconomics _economics;
        private readonly ReadOnlySpan<double> _demand;
        private readonly Span<double> _scratch;
        private readonly int _limit;
        private readonly Span<int> _replicas;
        private readonly Span<double> _costs;
        private readonly Span<int> _count;

        public SpanCostOfNodes(FleetEconomics economics, ReadOnlySpan<double> demand, Span<double> scratch, int limit,
                               Span<int> replicas, Span<double> costs, Span<int> count)
        {
            _economics = economics;
            _demand = demand;
            _scratch = scratch;
            _limit = limit;
            _replicas = replicas;
            _costs = costs;
            _count = count;
            _count[0] = 0;
        }

        public double Cost(int count) => OfReplicas((int)Math.Min(_limit, (long)count * _economics.ReplicasPerNode));

        public double OfReplicas(int replicas)
        {
            int known = _count[0];
            for (int i = 0; i < known; i++)
            {
                if (_replicas[i] == replicas)
                {
                    return _costs[i];
                }
            }
            double cost = _economics.SpanCost(_demand, replicas, _scratch);
            if (known < _replicas.Length)
            {
                _replicas[known] = replicas;
                _costs[known] = cost;
                _count[0] = known + 1;
            }
            return cost;
        }
    }
}
