using FleetSim.Engine;
using FleetSim.Fleet;
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
        if (MinuteRouter.WhyNoMinuteForm(scenario.Router) is { } why)
        {
            throw new NoMinuteFormException($"autoscaling runs on the minute engine, and {why}");
        }
        _scenario = scenario;
        Replica = scenario.Replica;
        ReplicasPerNode = scenario.Replica.ReplicasPerNode;
        double burstPrice = scenario.Pricing.Spot?.UsdPerGpuHour ?? scenario.Replica.GpuPrice.Value;
        NodeUsdPerMinute = burstPrice * scenario.Replica.GpusPerNode / 60.0;
        ApiUsdPerToken = scenario.Api.Price.Value / 1e6;
        _routers = new MinuteRouter[1025];
        for (int r = 0; r < _routers.Length; r++)
        {
            _routers[r] = Build(r);
        }
    }

    public ReplicaSpec Replica { get; }

    public int ReplicasPerNode { get; }

    /// <summary>What one burst node costs per minute.</summary>
    public double NodeUsdPerMinute { get; }

    public double ApiUsdPerToken { get; }

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
        return NodesFor(replicas) * NodeUsdPerMinute * demand.Length + (demanded - served) * 60.0 * ApiUsdPerToken;
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
