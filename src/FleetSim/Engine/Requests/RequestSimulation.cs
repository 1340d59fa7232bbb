using FleetSim.Fleet;
using FleetSim.Routing;
using FleetSim.Routing.Requests;
using FleetSim.Scenario;
using FleetSim.Traffic;
using FleetSim.Units;

namespace FleetSim.Engine.Requests;

/// <summary>
/// One request-by-request run: Poisson arrivals at the demand's rate (or a trace's own), lognormal
/// (or exponential) sizes, replicas with max-in-flight slots, and the router's admission rule.
/// </summary>
/// <remarks>
/// A request of P processed tokens holds a slot for <see cref="ServiceTime.Seconds"/> = P·c/R, the
/// formula the minute engine uses. Its time to first token is its wait plus its fresh input tokens
/// prefilled at the replica's prefill rate shared by the requests in flight there (itself
/// included); its end-to-end latency is the wait plus its time in service.
/// <para>
/// No timeline of departures is kept: every replica's slots (and LiteLLM's semaphores) are FIFO
/// server pools whose start times follow from the Kiefer–Wolfowitz recursion
/// (<see cref="ServerBank"/>), so a request's fate is settled when it arrives. Only what must
/// happen later in its own right (a retry after a timed-out call, a hand-off to a rate-limited API)
/// is queued, and merged with the arrivals in time order. Arrivals stop at the end of the horizon;
/// requests already admitted then run to completion, and those still waiting are left unfinished.
/// Replicas with a measured throughput curve share their pace among the requests in flight
/// (<see cref="SharedReplica"/>): their finishes are replayed lazily when a replica is looked at,
/// and the last ones when the run ends (<see cref="RequestAdmission.Finish"/>).
/// </para>
/// </remarks>
internal sealed class RequestSimulation
{
    private readonly ArrivalClock _arrivals;
    private readonly TraceReplay? _replay;
    private readonly RequestSizes _sizes;
    private readonly RequestFleet _fleet;
    private readonly RequestAdmission _admission;
    private readonly RequestClasses? _classes;
    private long _resumed;

    public RequestSimulation(ScenarioSpec scenario, DemandSeries demand, FleetShape fleet, int seed)
    {
        Router router = Router.For(scenario.Router);
        if (router.WhyNoRequestForm is { } why)
        {
            throw new InvalidOperationException(why);
        }
        var streams = new SeedStreams(seed);
        RequestMix mix = scenario.Traffic.RequestMix;
        _arrivals = new ArrivalClock(demand, mix.ProcessedTokens, streams.Next());
        _replay = scenario.Traffic.DailyShape is TraceShape trace
            ? new TraceReplay(trace.Profile, demand, mix.SizeCv, streams.Next())
            : null;
        _sizes = new RequestSizes(mix, streams.Next());
        Random routing = streams.Next();
        // The API's latency stream is drawn last, so the arrival, size and routing streams are those of a run without it.
        var ledger = new RequestLedger(demand.Minutes, _arrivals.End, new ApiGate(scenario.Api))
        {
            OutputShare = mix.OutputTokens / mix.ProcessedTokens,
            ApiLatency = scenario.Api.Latency is { } apiLatency ? (apiLatency, streams.Next()) : null,
        };
        if (RequestClasses.Refusal(scenario, fleet) is { } refusal)
        {
            throw refusal;
        }
        // The class stream is drawn after every other, so a run without classes draws exactly what it drew before them.
        _classes = scenario.Traffic.Classes is { } classes ? new RequestClasses(classes, fleet, ledger, streams.Next()) : null;
        _fleet = new RequestFleet(fleet, scenario.Router, mix.FreshInputTokens / mix.ProcessedTokens, ledger, routing);
        // Priorities among the classes have their own rules (reserved slots, a queue ordered by priority); else the router's.
        _admission = (scenario.Traffic.Classes is { } ranked ? ClassPriorities.Admission(scenario.Router, ranked, _fleet) : null) ?? router.Admission(_fleet);
        Demand = demand;
        Fleet = fleet;
        Scenario = scenario;
        Seed = seed;
    }

    private DemandSeries Demand { get; }
    private FleetShape Fleet { get; }
    private ScenarioSpec Scenario { get; }
    private int Seed { get; }

    public RequestRun Run()
    {
        // Arrivals are the one stream known in time order ahead of time; deferred requests are merged into it.
        if (_replay is not null)
        {
            foreach (var (at, tokens) in _replay)
            {
                ResumeUntil(at);
                Arrive(at, tokens);
            }
        }
        else
        {
            for (double next = _arrivals.Next(); next < _arrivals.End; next = _arrivals.Next())
            {
                ResumeUntil(next);
                Arrive(next, _sizes.NextProcessed());
            }
        }
        ResumeUntil(double.PositiveInfinity);
        _admission.Finish();
        RequestLedger l = _fleet.Ledger;
        _classes?.Finish(l.End);
        (double deferredDemand, double deferredServed) = _classes?.Deferred ?? (0, 0);
        DeferrableBacklog? backlog = _classes?.Backlog;
        return new RequestRun(
            Demand, Fleet, Scenario.Router, Seed,
            new Tokens(l.DemandTokens + deferredDemand), new Tokens(l.SelfHostedTokens + deferredServed), new Tokens(l.SpilledTokens), new Tokens(l.DroppedTokens),
            new RequestCounts(l.Requests, l.SelfHostedRequests, l.SpilledRequests, l.DroppedRequests, l.TimedOut, l.Rejected, l.Unfinished)
            {
                Retries = l.Retries,
            },
            l.Wait.Summary(), l.TimeToFirstToken.Summary(), l.EndToEnd.Summary(),
            l.InFlight.MeanPerMinute(),
            l.Requests + _resumed + (backlog?.Requests.Sum() ?? 0))
        {
            Classes = _classes?.Tokens(l, _admission as ClassAdmission),
            Deferral = backlog is null ? null : new DeferralCounts(backlog.Requests.Sum(), backlog.Preemptions, backlog.Expired, new Tokens(backlog.LateTokens)),
            TokensAfterHorizon = new Tokens(l.TokensAfterHorizon),
            TimePerOutputToken = l.TimePerOutputToken.Summary(),
            ApiEndToEnd = l.ApiLatency is null ? null : l.ApiEndToEnd.Summary(),
            WastedSlotSeconds = l.WastedSlotSeconds,
        };
    }

    /// <summary>A request arrives: a deferrable one joins the backlog, an interactive one (every one without classes) goes to the router.</summary>
    private void Arrive(double now, double tokens)
    {
        if (_classes is null)
        {
            _admission.Arrive(now, tokens);
        }
        else if (!_classes.Arrive(now, tokens, out int trafficClass))
        {
            _admission.Arrive(now, tokens, trafficClass);
        }
    }

    private void ResumeUntil(double until)
    {
        if (!_fleet.HasPending)
        {
            return; // the common case, checked without a call into the queue
        }
        while (_fleet.TryNextDue(until, out PendingRequest request))
        {
            _resumed++;
            _admission.Resume(request);
        }
    }
}
