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
                "to compare policies, pick a router with a minute form (spill, or queue with patience_seconds and simple-shuffle)");
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
    /// </summary>
    public int BestReplicas(ReadOnlySpan<double> demand, int maxReplicas, Span<double> scratch)
    {
        double peak = 0;
        foreach (double d in demand)
        {
            peak = Math.Max(peak, d);
        }
        int useful = (int)Math.Ceiling(peak / Replica.Throughput.Value) + 2 * ReplicasPerNode;
        int limit = Math.Min(maxReplicas, useful);
        int best = 0;
        double bestCost = SpanCost(demand, 0, scratch);
        for (int r = 1; r <= limit; r++)
        {
            double cost = SpanCost(demand, r, scratch);
            if (cost < bestCost - 1e-9)
            {
                best = r;
                bestCost = cost;
            }
        }
        return best;
    }
}
