using FleetSim.Units;

namespace FleetSim.Engine;

/// <summary>
/// What happened to a horizon's demand, in tokens, whatever the engine: served by the fleet, sent to
/// the API (spilled), or served by nobody (dropped: the API was over its rate limit or down, a request
/// timed out with nowhere to go, or was still waiting when the horizon ended). No dollars: the bill is
/// computed from this once, in Economics.
/// </summary>
/// <remarks>
/// Built only through <see cref="Of"/>, which keeps the identity self-hosted + spilled + dropped =
/// demand exact and every share in [0, 1], whatever rounding the engine's sums carry.
/// </remarks>
public readonly record struct FleetOutcome
{
    private FleetOutcome(Tokens demand, Tokens selfHosted, Tokens spilled, Tokens dropped, Tokens capacity, double utilization, double troughUtilization)
    {
        Capacity = capacity;
        Demand = demand;
        SelfHosted = selfHosted;
        Spilled = spilled;
        Dropped = dropped;
        Utilization = utilization;
        TroughUtilization = troughUtilization;
    }

    /// <summary>Processed tokens offered over the horizon.</summary>
    public Tokens Demand { get; }

    /// <summary>Processed tokens the fleet served.</summary>
    public Tokens SelfHosted { get; }

    /// <summary>Processed tokens the API served: demand − self-hosted − dropped.</summary>
    public Tokens Spilled { get; }

    /// <summary>Processed tokens nobody served.</summary>
    public Tokens Dropped { get; }

    /// <summary>
    /// Processed tokens the serving replicas could have processed, busy all the time: replica-minutes
    /// serving × tok/s per replica × 60. What the fleet's node bill buys.
    /// </summary>
    public Tokens Capacity { get; }

    /// <summary>Busy share of the serving replicas' capacity over the horizon, in [0, 1].</summary>
    public double Utilization { get; }

    /// <summary>Busy share in the hour of lowest demand, in [0, 1].</summary>
    public double TroughUtilization { get; }

    public double SpillShare => Demand.Value > 0 ? Spilled / Demand : 0;

    public double DropShare => Demand.Value > 0 ? Dropped / Demand : 0;

    /// <summary>
    /// The outcome of <paramref name="demand"/> of which <paramref name="selfHosted"/> was served by the
    /// fleet and <paramref name="dropped"/> by nobody; the API took the rest. Rounding in the engines'
    /// sums (a served total a few ulps above demand, a utilization of 1 + 1e−12) is clamped here, so
    /// nothing downstream sees a negative token count or a share above 1.
    /// </summary>
    /// <param name="capacity">What the serving replicas could have processed (see <see cref="Capacity"/>).</param>
    public static FleetOutcome Of(Tokens demand, Tokens selfHosted, Tokens dropped, Tokens capacity, double utilization, double troughUtilization)
    {
        double d = Math.Max(0, demand.Value);
        double served = Math.Clamp(selfHosted.Value, 0, d);
        double lost = Math.Clamp(dropped.Value, 0, d - served);
        double spilled = Math.Max(0, d - served - lost);
        return new FleetOutcome(new Tokens(d), new Tokens(served), new Tokens(spilled), new Tokens(lost), new Tokens(Math.Max(0, capacity.Value)),
                                Share(utilization), Share(troughUtilization));
    }

    /// <summary>
    /// The fleet's busy share: tok/s served, summed over minutes, over what the serving replicas could
    /// have processed in those minutes (replica-minutes × tok/s per replica). 0 with no replica serving.
    /// The one utilization formula of the minute plane.
    /// </summary>
    public static double BusyShare(double servedRateSum, double replicaMinutes, double replicaTokensPerSecond) =>
        replicaMinutes <= 0 ? 0 : Share(servedRateSum / (replicaMinutes * replicaTokensPerSecond));

    private static double Share(double x) => double.IsNaN(x) ? 0 : Math.Clamp(x, 0, 1);
}
