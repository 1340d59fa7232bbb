using FleetSim.Engine.Requests;
using FleetSim.Scenario;

namespace FleetSim.Runs;

/// <summary>
/// One objective of <c>slo:</c> against a run: its target, the P95 the request engine measured, the
/// worst case that bounds it on any engine, and whether it was met.
/// </summary>
/// <param name="Measure">time to first token, time per output token, end to end, or end to end on the API path.</param>
/// <param name="TargetSeconds">The objective's bound, seconds.</param>
/// <param name="P95Seconds">The P95 the request engine measured on the path, seconds; null when not measured (the minute engine, or no request took the path).</param>
/// <param name="WorstCaseP95Seconds">
/// An upper bound on the P95 that needs no run (<see cref="WorstCaseLatency"/>: every slot busy; on the
/// API path, <c>api.latency</c>'s own P95), seconds; null where a router's waiting makes it unbounded.
/// </param>
/// <param name="WhyUnbounded">With neither a P95 nor a worst case: why ("no request took that path", "the router's wait for a slot needs the request engine").</param>
public sealed record SloResult(string Measure, double TargetSeconds, double? P95Seconds, double? WorstCaseP95Seconds = null, string? WhyUnbounded = null)
{
    /// <summary>
    /// Met or missed by the measured P95; without one, met when the worst case is within the target
    /// (guaranteed), else null: not measured and not guaranteed.
    /// </summary>
    public bool? Met => P95Seconds is { } p95 ? p95 <= TargetSeconds
        : WorstCaseP95Seconds is { } w && w <= TargetSeconds ? true : null;

    /// <summary>"measured", "worst case" (met by the bound alone) or "unchecked".</summary>
    public string Basis => P95Seconds is not null ? "measured" : Met is true ? "worst case" : "unchecked";
}

/// <summary>
/// A run's latency against the scenario's <see cref="SloSpec"/>: each objective's P95 on the
/// self-hosted path as the request engine measured it, beside the worst case in service
/// (<see cref="SloInFlight"/>) that holds on every engine. A router that serves on arrival adds no
/// wait, so there the worst case bounds time to first token and end to end too; with a queue or
/// retries only time per output token is bounded without a run.
/// </summary>
public static class SloAttainment
{
    /// <summary>
    /// One result per objective the scenario's SLO names, in the order TTFT, TPOT, end to end, and
    /// with <c>api.latency</c> given, end to end on the API path too (requests that fell back count
    /// against the same objective). A path no request took is unmeasured (null), not met. Empty
    /// without an SLO.
    /// </summary>
    /// <param name="requests">The request engine's run, or null for a minute-engine run.</param>
    /// <param name="fleetServes">False for a fleet of no replica: its path is taken by no request, so nothing is met on it, not even by the worst case.</param>
    public static IReadOnlyList<SloResult> Of(ScenarioSpec scenario, RequestRun? requests, bool fleetServes = true)
    {
        if (scenario.Slo is not { } slo)
        {
            return [];
        }
        WorstCaseLatency? worst = scenario.SloInFlight?.Best.InFlight == scenario.Replica.MaxInFlight
            ? scenario.SloInFlight.Best
            : WorstCaseLatency.Of(scenario.Replica, scenario.Traffic.RequestMix, scenario.Replica.MaxInFlight);
        bool selfHosted = requests is { Requests.SelfHosted: > 0 };
        // The worst case bounds requests that ran; with none on the path (no replica, or a request run that self-hosted
        // nothing) there is nothing to bound, and the objective is unmeasured rather than met.
        bool bounded = fleetServes && (requests is null || selfHosted);
        bool onArrival = bounded && Routing.Router.For(scenario.Router).ServesOnArrival;
        double? P95(Func<RequestRun, double> pick) => selfHosted ? pick(requests!) : null;
        string why = bounded ? "the router's wait for a slot needs the request engine" : "no request took that path";
        var results = new List<SloResult>();
        if (slo.TimeToFirstTokenP95Seconds is { } ttft)
        {
            results.Add(new SloResult("time to first token", ttft, P95(r => r.TimeToFirstToken.P95), onArrival ? worst.TimeToFirstTokenSeconds : null, why));
        }
        if (slo.TimePerOutputTokenP95Milliseconds is { } tpot)
        {
            results.Add(new SloResult("time per output token", tpot / 1000, P95(r => r.TimePerOutputToken.P95), bounded ? worst.TimePerOutputTokenSeconds : null, "no request took that path"));
        }
        if (slo.EndToEndP95Seconds is { } e2e)
        {
            results.Add(new SloResult("end to end", e2e, P95(r => r.EndToEnd.P95), onArrival ? worst.EndToEndSeconds : null, why));
            if (scenario.Api.Latency is { } api)
            {
                double? measured = requests?.ApiEndToEnd is { } a && requests.Requests.Spilled > 0 ? a.P95 : null;
                results.Add(new SloResult("end to end on the API path", e2e, measured,
                    Routing.Router.For(scenario.Router).ServesOnArrival && (requests is null || requests.Requests.Spilled > 0) ? api.P95Seconds : null,
                    requests is not null ? "no request took that path" : "the router's wait before the API needs the request engine"));
            }
        }
        return results;
    }
}
