using FleetSim.Fleet;
using FleetSim.Pricing;
using FleetSim.Traffic;
using FleetSim.Units;

namespace FleetSim.Engine;

/// <summary>
/// One autoscaling policy's horizon, in physical terms: what served each minute, the nodes it leased,
/// and where the tokens went. Economics prices it (<c>Bill.For</c>).
/// </summary>
/// <param name="Served">tok/s the fleet served in each minute.</param>
/// <param name="Serving">Replicas serving in each minute.</param>
/// <param name="Leases">Every node lease, billed by <see cref="NodeBilling"/>.</param>
/// <param name="SelfHostedTokens">Processed tokens the fleet served over the horizon.</param>
/// <param name="ReplicaThroughput">tok/s of one replica at full concurrency.</param>
public sealed record PolicyRun(
    string Policy,
    DemandSeries Demand,
    double[] Served,
    int[] Serving,
    IReadOnlyList<NodeLease> Leases,
    Tokens SelfHostedTokens,
    double ReplicaThroughput,
    int ScaleEvents,
    int DeniedNodes,
    int Failures,
    int Preemptions)
{
    /// <summary>
    /// Set for a bound rather than a deployable fleet (the oracle): node-minutes to price at the
    /// cheapest rate with no rounding (<see cref="NodeBilling.LowerBound"/>), in place of leases.
    /// </summary>
    public double? BoundNodeMinutes { get; init; }

    /// <summary>True for a bound no one can deploy (the oracle).</summary>
    public bool IsBound => BoundNodeMinutes is not null;

    /// <summary>Spilled tokens the API turned away (its rate limits, its outages): served by nobody.</summary>
    public Tokens ApiDroppedTokens { get; init; }

    /// <summary>
    /// With traffic classes: each class's tokens and the minutes split into interactive and deferred (the deferral
    /// pass over this run's serving counts); null without classes. <see cref="Served"/> and
    /// <see cref="SelfHostedTokens"/> then count the deferred work too.
    /// </summary>
    public Deferral.ClassedMinutes? Classes { get; init; }

    /// <summary>With traffic classes: each class's share of the traffic and its batch-tier discount (<see cref="BatchTier.Discounts"/>), in the scenario's order; empty without.</summary>
    public IReadOnlyList<(double Share, double BatchDiscount)> ClassPrices { get; init; } = [];

    /// <summary>Where the tokens went: served, spilled to the API, or turned away at the API's door.</summary>
    public FleetOutcome Outcome => FleetOutcome.Of(Demand.Total, SelfHostedTokens, ApiDroppedTokens, new Tokens(ReplicaMinutes * ReplicaThroughput * 60), Utilization, 0);

    /// <summary>Replica-minutes of serving over the horizon.</summary>
    public double ReplicaMinutes
    {
        get
        {
            double sum = 0;
            foreach (int s in Serving)
            {
                sum += s;
            }
            return sum;
        }
    }

    /// <summary>Node-hours paid for (reserved nodes count the whole horizon).</summary>
    public double NodeHours => BoundNodeMinutes is { } bound
        ? bound / 60.0
        : Leases.Sum(l => l.Kind == NodeKind.Reserved ? Demand.Minutes : l.Minutes(Demand.Minutes)) / 60.0;

    /// <summary>Served tokens over what the serving replicas could have processed.</summary>
    public double Utilization
    {
        get => FleetOutcome.BusyShare(SelfHostedTokens.Value / 60.0, ReplicaMinutes, ReplicaThroughput);
    }

    public double MeanServingReplicas => Serving.Average();
}
