using FleetSim.Fleet;
using FleetSim.Scenario;

namespace FleetSim.Routing;

/// <summary>
/// A router reduced to the numbers its minute form needs for one fixed fleet: replicas, slots,
/// capacity, and the factors that turn a minute's tok/s into offered erlangs and arrivals.
/// </summary>
/// <param name="Rule">The router whose minute form serves the spans.</param>
/// <param name="Replicas">n, replicas serving.</param>
/// <param name="SlotsPerReplica">c, each replica's max in flight.</param>
/// <param name="Slots">n·c.</param>
/// <param name="Capacity">Processed tok/s of the whole fleet at full concurrency.</param>
/// <param name="ErlangsPerTokenPerSecond">Offered erlangs per tok/s of demand: c/R.</param>
/// <param name="ArrivalsPerTokenPerSecond">Requests per second per tok/s of demand: 1/mean processed tokens.</param>
/// <param name="ServiceSeconds">Mean seconds a request holds a slot.</param>
/// <param name="Sizes">The request-size law.</param>
/// <param name="SizeCv">Its coefficient of variation.</param>
public readonly record struct MinuteRouter(
    Router Rule,
    int Replicas,
    int SlotsPerReplica,
    int Slots,
    double Capacity,
    double ErlangsPerTokenPerSecond,
    double ArrivalsPerTokenPerSecond,
    double ServiceSeconds,
    SizeDistribution Sizes,
    double SizeCv)
{
    /// <summary>
    /// The replicas' throughput curve when requests' speed depends on the load (a measured curve that
    /// is not a straight line), else null: the slot model, each request at R/c.
    /// </summary>
    public Scenario.ThroughputCurve? SharedCurve { get; init; }

    /// <summary>Whether the minute engine can run this router (else the request engine must).</summary>
    /// <param name="replicas">The fleet's size when fixed; null when a policy changes it.</param>
    public static string? WhyNoMinuteForm(RouterSpec router, ReplicaSpec replica, RequestMix mix, int? replicas = null) =>
        Router.For(router).WhyNoMinuteForm(replica, replicas, mix);

    /// <summary>The minute form of <paramref name="router"/> on <paramref name="fleet"/>.</summary>
    /// <exception cref="Engine.NoMinuteFormException">The router has none; the message names the request engine.</exception>
    public static MinuteRouter For(RouterSpec router, FleetShape fleet, RequestMix mix)
    {
        Router rule = Router.For(router);
        if (rule.WhyNoMinuteForm(fleet.Replica, fleet.Replicas, mix) is { } why)
        {
            throw new Engine.NoMinuteFormException(why.Contains("request engine", StringComparison.Ordinal) ? why : why + "; `fleetsim run --engine request` runs it");
        }
        return new MinuteRouter(
            rule,
            fleet.Replicas,
            fleet.Replica.MaxInFlight,
            fleet.Slots,
            fleet.Capacity.Value,
            ServiceTime.ErlangsPerTokenPerSecond(fleet.Replica),
            1 / mix.ProcessedTokens,
            ServiceTime.Seconds(mix.ProcessedTokens, fleet.Replica),
            mix.Sizes,
            mix.Sizes == SizeDistribution.Exponential ? 1 : mix.SizeCv)
        {
            SharedCurve = fleet.Replica.SharesByLoad ? fleet.Replica.Curve : null,
        };
    }
}
