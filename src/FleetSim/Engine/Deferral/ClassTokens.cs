using FleetSim.Units;

namespace FleetSim.Engine.Deferral;

/// <summary>
/// Where one traffic class's processed tokens went over the horizon (physical: no dollars). The identity
/// demand = self-hosted on arrival + self-hosted deferred + spilled + batch API + dropped holds to rounding.
/// </summary>
/// <param name="Name">The class's name (<c>traffic.classes[i].name</c>).</param>
/// <param name="Deferrable">True for a class with a deadline.</param>
/// <param name="Demand">Its processed tokens: share × the traffic's.</param>
/// <param name="SelfHostedOnArrival">Interactive: served by the fleet in the minute they arrived. 0 for a deferrable class.</param>
/// <param name="SelfHostedDeferred">Deferrable: held, then served by the fleet's spare capacity before the deadline. 0 for an interactive class.</param>
/// <param name="Spilled">Interactive: sent to the API at list price by the router. 0 for a deferrable class.</param>
/// <param name="BatchApi">Deferrable: sent to the API's batch tier, at its deadline or at the horizon's end. 0 for an interactive class.</param>
/// <param name="BatchApiAtHorizonEnd">The part of <paramref name="BatchApi"/> still held when the horizon ended (its deadline had not come yet).</param>
/// <param name="Dropped">Interactive: spilled tokens the API turned away (its limits, its outages). The batch tier turns nothing away.</param>
public sealed record ClassTokens(
    string Name,
    bool Deferrable,
    Tokens Demand,
    Tokens SelfHostedOnArrival,
    Tokens SelfHostedDeferred,
    Tokens Spilled,
    Tokens BatchApi,
    Tokens BatchApiAtHorizonEnd,
    Tokens Dropped)
{
    /// <summary>Every token the fleet served for this class: on arrival + deferred.</summary>
    public Tokens SelfHosted => SelfHostedOnArrival + SelfHostedDeferred;

    /// <summary>
    /// Tokens served after their deadline: 0 by construction on the minute engine, which hands a token to the batch
    /// tier in the last minute of its window rather than serve it late.
    /// </summary>
    public Tokens Late => new(0);
}
