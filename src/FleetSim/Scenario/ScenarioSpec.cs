using FleetSim.Units;

namespace FleetSim.Scenario;

/// <summary>One deployment to simulate: traffic, the replica, the fleet, the router and the API behind it.</summary>
/// <param name="Name">A label for reports.</param>
/// <param name="Horizon">How long to simulate; the seed's month is 730 hours.</param>
/// <param name="Warnings">Things the loader noticed but did not refuse.</param>
public sealed record ScenarioSpec(
    string Name,
    Hours Horizon,
    TrafficSpec Traffic,
    ReplicaSpec Replica,
    FleetSpec Fleet,
    RouterSpec Router,
    ApiSpec Api,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Seed of the request engine's random numbers: the same seed gives the same run.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Latency objectives the run is checked against, or null for none.</summary>
    public SloSpec? Slo { get; init; }

    /// <summary>
    /// With <see cref="Slo"/>: the replica's SLO-aware max in flight and its worst-case latency. When
    /// it lowers max_in_flight (and slo.cap_in_flight is not false), <see cref="Replica"/> is already
    /// the lowered replica (<see cref="ReplicaSpec.Capped"/>).
    /// </summary>
    public SloInFlight? SloInFlight { get; init; }

    /// <summary>How the fleet may scale, and the policies compare runs.</summary>
    public ScalingSpec Scaling { get; init; } = ScalingSpec.Default;

    /// <summary>Spend levels, team and GPU prices for `fleetsim tiers`.</summary>
    public TiersSpec Tiers { get; init; } = TiersSpec.Default;

    /// <summary>What `fleetsim plan` searches: catalogue, model, policies, pools, and how many plans it verifies.</summary>
    public PlanSpec Plan { get; init; } = PlanSpec.Default;

    /// <summary>Months ahead: traffic growth and price drift over 1 … 60 months (`plan` and `tiers` report the total and the payback month).</summary>
    public OutlookSpec Outlook { get; init; } = OutlookSpec.None;

    /// <summary>How nodes of a changing fleet are billed.</summary>
    public PricingSpec Pricing { get; init; } = PricingSpec.Default;
}
