namespace FleetSim.Scenario;

/// <summary>
/// Service-level objectives on the self-hosted path's latency (<c>slo:</c>), each a 95th-percentile
/// bound; null leaves a measure unchecked. Latency comes from the request engine, which follows each
/// request (queue wait, prefill, decode); a run on the minute engine says the SLO went unchecked.
/// </summary>
/// <param name="TimeToFirstTokenP95Seconds">ttft_p95_seconds: queue wait + prefill, P95, seconds.</param>
/// <param name="TimePerOutputTokenP95Milliseconds">tpot_p95_ms: decode time per output token after the first, P95, milliseconds.</param>
/// <param name="EndToEndP95Seconds">e2e_p95_seconds: arrival to last token, P95, seconds.</param>
public sealed record SloSpec(double? TimeToFirstTokenP95Seconds, double? TimePerOutputTokenP95Milliseconds, double? EndToEndP95Seconds);
