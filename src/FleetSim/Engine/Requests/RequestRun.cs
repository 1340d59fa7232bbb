using FleetSim.Routing.Requests;
using FleetSim.Fleet;
using FleetSim.Scenario;
using FleetSim.Traffic;
using FleetSim.Units;

namespace FleetSim.Engine.Requests;

/// <summary>What the request engine saw, request by request, for one fixed fleet and one seed.</summary>
public sealed record RequestRun(
    DemandSeries Demand,
    FleetShape Fleet,
    RouterSpec Router,
    int Seed,
    Tokens DemandTokens,
    Tokens SelfHosted,
    Tokens Spilled,
    Tokens Dropped,
    RequestCounts Requests,
    LatencySummary QueueWait,
    LatencySummary TimeToFirstToken,
    LatencySummary EndToEnd,
    double[] InFlightPerMinute,
    long Events)
{
    /// <summary>
    /// Tokens of requests the fleet admitted before the horizon ended but processed after it (counted
    /// in <see cref="DemandTokens"/> and <see cref="SelfHosted"/>, which follow the requests).
    /// </summary>
    public Tokens TokensAfterHorizon { get; init; }

    /// <summary>
    /// Seconds per output token after the first on the self-hosted path (TPOT): the time in service
    /// after the first token, over the output tokens after it.
    /// </summary>
    public LatencySummary TimePerOutputToken { get; init; } = new(0, 0, 0, 0);

    /// <summary>
    /// End to end for requests the API served, from arrival (time before the hand-off plus the API's
    /// latency, <c>api.latency</c>); null when the API's latency is not given.
    /// </summary>
    public LatencySummary? ApiEndToEnd { get; init; }

    /// <summary>
    /// With traffic classes: each class's tokens, in the scenario's order (<see cref="RequestClasses"/>), adding up to
    /// <see cref="Outcome"/>'s demand, self-hosted and dropped tokens; null without classes.
    /// </summary>
    public IReadOnlyList<Deferral.ClassTokens>? Classes { get; init; }

    /// <summary>With a deferrable class: its requests, preemptions, deadlines reached and late tokens; null without one.</summary>
    public DeferralCounts? Deferral { get; init; }

    /// <summary>Slot-seconds spent on calls that timed out and were aborted: GPU time that served nobody.</summary>
    public double WastedSlotSeconds { get; init; }

    /// <summary>Share of the fleet's slot-time that was busy over the horizon.</summary>
    public double Utilization => Fleet.Slots == 0 ? 0 : InFlightPerMinute.Average() / Fleet.Slots;

    /// <summary>Busy share of slot-time in the hour of lowest demand.</summary>
    public double TroughUtilization
    {
        get
        {
            if (Fleet.Slots == 0)
            {
                return 0;
            }
            int hour = Demand.TroughHour();
            int from = hour * 60, to = Math.Min(from + 60, InFlightPerMinute.Length);
            return InFlightPerMinute[from..to].Average() / Fleet.Slots;
        }
    }

    /// <summary>
    /// Where the horizon's demand went, in the window the nodes are billed for: tokens processed after
    /// the horizon ended (<see cref="TokensAfterHorizon"/>) are neither demand nor self-hosted work of
    /// it, so the fleet never serves more than its capacity over the horizon. Unfinished and timed-out
    /// requests with nowhere to go are dropped.
    /// </summary>
    public FleetOutcome Outcome => FleetOutcome.Of(DemandTokens - TokensAfterHorizon, SelfHosted - TokensAfterHorizon, Dropped,
                                                   Fleet.Capacity.Over(Demand.Horizon), Utilization, TroughUtilization);

    /// <summary>Share of requests (not tokens) that went to the API.</summary>
    public double SpilledRequestShare => Requests.Total == 0 ? 0 : (double)Requests.Spilled / Requests.Total;
}

/// <summary>
/// The deferrable classes' requests on the request engine (<see cref="DeferrableBacklog"/>). They are not in
/// <see cref="RequestRun.Requests"/>, which counts the router's (interactive) requests, nor in its latencies; their
/// tokens are in <see cref="RequestRun.DemandTokens"/> and <see cref="RequestRun.SelfHosted"/>, and their slot-time in
/// <see cref="RequestRun.InFlightPerMinute"/>.
/// </summary>
/// <param name="Requests">Deferrable requests that arrived.</param>
/// <param name="Preemptions">Times a running one gave its slot to an interactive request (or an earlier deadline).</param>
/// <param name="Expired">Requests whose deadline came while they were held: their remaining tokens went to the batch tier.</param>
/// <param name="LateTokens">Tokens served after their deadline: 0 by construction, counted as a check.</param>
public sealed record DeferralCounts(long Requests, long Preemptions, long Expired, Tokens LateTokens);

/// <summary>Where the requests went.</summary>
/// <param name="Total">Requests that arrived.</param>
/// <param name="SelfHosted">Served by a replica.</param>
/// <param name="Spilled">Served by the API.</param>
/// <param name="Dropped">Served by nobody: the API was over its rate limit or down, or no route to it was left.</param>
/// <param name="TimedOut">Attempts that ran out of time: queue, a wait past patience_seconds; litellm, a call past its timeout.</param>
/// <param name="Rejected">cooldown: 429 answers from full replicas (a request can collect several).</param>
/// <param name="Unfinished">Still waiting for a slot when the horizon ended (counted in Dropped too).</param>
public sealed record RequestCounts(long Total, long SelfHosted, long Spilled, long Dropped, long TimedOut, long Rejected, long Unfinished)
{
    /// <summary>Attempts after a request's first (num_retries at work).</summary>
    public long Retries { get; init; }
}
