using FleetSim.Fleet;
using FleetSim.Scenario;

namespace FleetSim.Routing;

/// <summary>
/// A router reduced to the numbers the minute kernels need for one fixed fleet: slots, capacity, and
/// the factors that turn a minute's tok/s into offered erlangs and arrivals.
/// </summary>
public readonly record struct MinuteRouter(
    RouterMode Mode,
    int Slots,
    double Capacity,
    double ErlangsPerTokenPerSecond,
    double ArrivalsPerTokenPerSecond,
    double ServiceSeconds,
    double TimeoutSeconds)
{
    /// <summary>Whether the minute engine can run this router (else the request engine must).</summary>
    public static string? WhyNoMinuteForm(RouterSpec router) => router.Mode switch
    {
        RouterMode.Cooldown =>
            "router mode 'cooldown' has no minute-engine form: a cooled-down replica's free slots sit idle for " +
            "cooldown_seconds, which only a request-by-request run can see",
        RouterMode.Queue when router.TimeoutSeconds is null =>
            "router mode 'queue' without timeout_seconds has no minute-engine form: requests never leave the queue, " +
            "so whenever demand exceeds capacity the backlog (and the wait) grows without bound",
        _ => null,
    };

    public static MinuteRouter For(RouterSpec router, FleetShape fleet, RequestMix mix)
    {
        if (WhyNoMinuteForm(router) is { } why)
        {
            throw new Engine.NoMinuteFormException(why + "; use the request engine (--engine request)");
        }
        return new MinuteRouter(
            router.Mode,
            fleet.Slots,
            fleet.Capacity.Value,
            ServiceTime.ErlangsPerTokenPerSecond(fleet.Replica),
            1 / mix.ProcessedTokens,
            ServiceTime.Seconds(mix.ProcessedTokens, fleet.Replica),
            router.TimeoutSeconds ?? 0);
    }
}
