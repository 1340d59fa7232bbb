using FleetSim.Engine.Requests;
using FleetSim.Scenario;

namespace FleetSim.Runs;

/// <summary>One objective of <c>slo:</c> against a run: its target, the run's 95th percentile, and whether it was met.</summary>
/// <param name="Measure">time to first token, time per output token, or end to end.</param>
/// <param name="TargetSeconds">The objective's bound, seconds.</param>
/// <param name="P95Seconds">The run's P95 on its path, seconds; null when unmeasured (the minute engine, or no request took the path).</param>
public sealed record SloResult(string Measure, double TargetSeconds, double? P95Seconds)
{
    /// <summary>Whether the P95 is within the target; null when unchecked.</summary>
    public bool? Met => P95Seconds is { } p95 ? p95 <= TargetSeconds : null;
}

/// <summary>
/// A run's latency against the scenario's <see cref="SloSpec"/>: each objective's P95 on the
/// self-hosted path, from the request engine. A minute-engine run has no per-request latency, and
/// its objectives come back unchecked rather than guessed.
/// </summary>
public static class SloAttainment
{
    /// <summary>
    /// One result per objective <paramref name="slo"/> names, in the order TTFT, TPOT, end to end, and
    /// with <c>api.latency</c> given, end to end on the API path too (requests that fell back count
    /// against the same objective). A path no request took is unmeasured (null), not met.
    /// </summary>
    public static IReadOnlyList<SloResult> Of(SloSpec slo, RequestRun? requests)
    {
        bool selfHosted = requests is { Requests.SelfHosted: > 0 };
        double? P95(Func<RequestRun, double> pick) => selfHosted ? pick(requests!) : null;
        var results = new List<SloResult>();
        if (slo.TimeToFirstTokenP95Seconds is { } ttft)
        {
            results.Add(new SloResult("time to first token", ttft, P95(r => r.TimeToFirstToken.P95)));
        }
        if (slo.TimePerOutputTokenP95Milliseconds is { } tpot)
        {
            results.Add(new SloResult("time per output token", tpot / 1000, P95(r => r.TimePerOutputToken.P95)));
        }
        if (slo.EndToEndP95Seconds is { } e2e)
        {
            results.Add(new SloResult("end to end", e2e, P95(r => r.EndToEnd.P95)));
            if (requests?.ApiEndToEnd is { } api)
            {
                results.Add(new SloResult("end to end on the API path", e2e, requests.Requests.Spilled > 0 ? api.P95 : null));
            }
        }
        return results;
    }
}
