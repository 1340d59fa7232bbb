using FleetSim.Scenario;
using FleetSim.Units;

namespace FleetSim.Runs.Plan;

/// <summary>
/// One way to run the scenario's traffic that <c>fleetsim plan</c> prices: a node type and instance
/// size, a replica of the model at a tensor-parallel size, how the nodes are bought, and a policy.
/// </summary>
/// <param name="NodeType">The catalogue's node type; null for the scenario's own replica and pricing (compare's fleet).</param>
/// <param name="Replica">The catalogue's replica; null for the scenario's own.</param>
/// <param name="InstanceGpus">GPUs per rented instance (a size the node type sells).</param>
/// <param name="Pool">How the nodes are bought.</param>
/// <param name="Policy">The scaling policy's name, as compare spells it.</param>
/// <param name="ReactiveTarget">The reactive policy's target utilization; null for other policies.</param>
/// <param name="ReservedNodes">Nodes reserved for the whole horizon (0 for pools without a reserved base).</param>
public sealed record PlanCandidate(
    NodeType? NodeType,
    CatalogueReplica? Replica,
    int InstanceGpus,
    PoolMix Pool,
    string Policy,
    double? ReactiveTarget,
    int ReservedNodes)
{
    /// <summary>The label compare's own fleet carries in a plan.</summary>
    public const string ScenarioNodeType = "scenario";

    /// <summary>True for the scenario's own replica and pricing (what compare runs).</summary>
    public bool IsScenarios => NodeType is null;

    /// <summary>The node type's name, or <see cref="ScenarioNodeType"/>.</summary>
    public string NodeTypeName => NodeType?.Name ?? ScenarioNodeType;

    /// <summary>GPUs per replica.</summary>
    public int TensorParallel(ScenarioSpec scenario) => Replica?.TensorParallel ?? scenario.Replica.Gpus;

    /// <summary>True when the replica's throughput is an estimate, not a measurement.</summary>
    public bool Estimated => Replica?.Basis == FigureBasis.Estimated;

    /// <summary>The policy as a table prints it: <c>reactive@0.7</c> for a reactive target.</summary>
    public string PolicyLabel => ReactiveTarget is { } t ? $"{Policy}@{t.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}" : Policy;

    /// <summary>
    /// The scenario this candidate is: the scenario's traffic, router, API and billing with the
    /// candidate's replica, prices, pools and policy options. The scenario's own SLO caps the replica's
    /// max in flight as the scenario reader does (<see cref="SloInFlight"/>). Null when the replica cannot
    /// meet the SLO at any max in flight.
    /// </summary>
    public ScenarioSpec? ScenarioFor(ScenarioSpec scenario)
    {
        ReplicaSpec replica = scenario.Replica;
        PricingSpec pricing = scenario.Pricing;
        if (NodeType is { } node && Replica is { } r)
        {
            replica = new ReplicaSpec(r.TensorParallel, InstanceGpus, r.Throughput, r.MaxInFlight, node.Prices.OnDemand)
            {
                MeasuredCurve = r.Curve,
                PrefillOverride = r.Prefill,
            };
            SloInFlight? slo = scenario.Slo is { } objectives
                ? SloInFlight.Of(replica, scenario.Traffic.RequestMix, objectives, RouterModes.ServesOnArrival(scenario.Router.Mode))
                : null;
            if (slo is { InFlight: null })
            {
                return null;
            }
            if (slo is { Lowers: true } && scenario.Slo!.CapInFlight)
            {
                replica = replica.Capped(slo.InFlight!.Value);
            }
            // The catalogue's spot price and preemption rate; how spot behaves (fallback, correlated losses, notice,
            // the spot cap) is the scenario's pricing.spot when it has one, else the defaults.
            SpotSpec? spot = PoolMixes.UsesSpot(Pool) && node.Prices.Spot is { } s
                ? pricing.Spot is { } own
                    ? own with { UsdPerGpuHour = s.Value, PreemptionsPerNodeHour = node.SpotPreemptionsPerNodeHour ?? 0 }
                    : new SpotSpec(s.Value, node.SpotPreemptionsPerNodeHour ?? 0)
                : null;
            UsdPerGpuHour? reserved = PoolMixes.ReservedPrice(Pool, node.Prices);
            pricing = pricing with
            {
                ReservedNodes = ReservedNodes,
                ReservedUsdPerGpuHour = reserved?.Value,
                Spot = spot,
                SpotBaseFleet = Pool == PoolMix.SpotBase,
            };
            scenario = scenario with { Replica = replica, Pricing = pricing, SloInFlight = slo };
        }
        if (ReactiveTarget is { } target)
        {
            scenario = scenario with { Scaling = scenario.Scaling with { Reactive = scenario.Scaling.Reactive with { TargetUtilization = target } } };
        }
        return scenario;
    }

    /// <summary>What is rented, in words: "aws-p6-b200 (8-GPU p6-b200.48xlarge), TP4, base reserved 1 year, bursts on demand".</summary>
    public string Describe(ScenarioSpec scenario)
    {
        string node = NodeType is { } n
            ? $"{n.Name} ({(InstanceGpus == n.GpusPerNode ? n.Instance : $"the {InstanceGpus}-GPU size of {n.Instance}")}, {InstanceGpus} × {n.Gpu})"
            : $"the scenario's replica ({scenario.Replica.GpusPerNode}-GPU nodes at ${scenario.Replica.GpuPrice.Value:0.##}/GPU-hour)";
        string pool = NodeType is null ? "priced as the scenario says" : PoolMixes.Describe(Pool) + (ReservedNodes > 0 ? $" ({ReservedNodes} reserved)" : "");
        return $"{node}, TP{TensorParallel(scenario)}, {pool}";
    }
}
