namespace FleetSim.Scenario;

/// <summary>
/// Service-level objectives on the self-hosted path's latency (<c>slo:</c>), each a 95th-percentile
/// bound; null leaves a measure unchecked. The request engine measures each request's latency (queue
/// wait, prefill, decode); on any engine, the worst case in service (<see cref="WorstCaseLatency"/>)
/// bounds it and sets the replica's SLO-aware max in flight (<see cref="SloInFlight"/>).
/// </summary>
/// <param name="TimeToFirstTokenP95Seconds">ttft_p95_seconds: queue wait + prefill, P95, seconds.</param>
/// <param name="TimePerOutputTokenP95Milliseconds">tpot_p95_ms: decode time per output token after the first, P95, milliseconds.</param>
/// <param name="EndToEndP95Seconds">e2e_p95_seconds: arrival to last token, P95, seconds.</param>
public sealed record SloSpec(double? TimeToFirstTokenP95Seconds, double? TimePerOutputTokenP95Milliseconds, double? EndToEndP95Seconds)
{
    /// <summary>
    /// cap_in_flight (default true): lower the replica's max in flight to the most at which every
    /// objective holds with every slot busy (<see cref="SloInFlight"/>), so that every policy sizes a
    /// fleet that meets the SLO; false keeps max_in_flight as given and only checks.
    /// </summary>
    public bool CapInFlight { get; init; } = true;
}
