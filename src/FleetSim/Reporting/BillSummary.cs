using FleetSim.Routing.Requests;
using FleetSim.Economics;
using FleetSim.Runs;
using FleetSim.Engine;
using FleetSim.Engine.Requests;
using FleetSim.Scenario;

namespace FleetSim.Reporting;

/// <summary>The bill as flat numbers, for JSON and machines (snake_case when serialized).</summary>
public sealed record BillSummary(
    string Scenario,
    string Router,
    double HorizonHours,
    int Replicas,
    int Nodes,
    int Gpus,
    int Slots,
    double CapacityTokensPerSecond,
    double AllApiUsd,
    double SelfHostUsd,
    double SpillUsd,
    double TotalUsd,
    double SavingsUsd,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] double? SavingsFraction,
    double DemandTokens,
    double SelfHostTokens,
    double SpillTokens,
    double SpillShare,
    double Utilization,
    double TroughUtilization,
    double BreakEvenUtilization,
    double SavingsCeilingFraction,
    double ApiUsdPerMillionTokens,
    double SelfHostUsdPerMillionTokensAtFullUse,
    double FluidTotalUsd,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] double? FluidSavingsFraction,
    IReadOnlyList<string> Warnings)
{
    /// <summary>How this bill was made (version, command, overrides, seed, scenario hash, time); set by the CLI.</summary>
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public Provenance? Provenance { get; init; }

    /// <summary>minute or request.</summary>
    public string Engine { get; init; } = "minute";

    public double DroppedTokens { get; init; }

    /// <summary>Dropped tokens priced at the API: in the total, so they are never a saving.</summary>
    public double UnservedUsd { get; init; }

    /// <summary>With a typed API price sheet: the all-API bill by token type.</summary>
    public ApiSpendBlock? AllApiByType { get; init; }

    public double DropShare { get; init; }

    /// <summary>With traffic.classes: tokens sent to the API's batch tier (also counted in spill_tokens); null (omitted) without classes.</summary>
    public double? BatchApiTokens { get; init; }

    /// <summary>With traffic.classes: what the batch tier charged (also counted in spill_usd); null (omitted) without classes.</summary>
    public double? BatchApiUsd { get; init; }

    /// <summary>With traffic.classes: each class's tokens and dollars, adding up to the bill's; null (omitted) without classes.</summary>
    public IReadOnlyList<ClassJson>? Classes { get; init; }

    /// <summary>
    /// With a deferrable class, minute engine: the same fleet and tokens with every token interactive (served on arrival or
    /// spilled at list price), the bill letting work wait is set against; null (omitted) otherwise.
    /// </summary>
    public AllInteractiveJson? AllInteractive { get; init; }

    /// <summary>Request engine only: where the requests went.</summary>
    public RequestCounts? Requests { get; init; }

    /// <summary>Request engine only: latencies on the self-hosted path, seconds.</summary>
    public LatencyBlock? LatencySeconds { get; init; }

    /// <summary>With slo: each objective's target and P95 (seconds) and whether it was met; unchecked (null) on the minute engine.</summary>
    public IReadOnlyList<SloJson>? Slo { get; init; }

    /// <summary>With slo: the max in flight configured, the most that guarantees the SLO, and the one the replicas run.</summary>
    public SloMaxInFlightJson? SloMaxInFlight { get; init; }

    /// <summary>Request engine only: events the kernel processed (arrivals and departures).</summary>
    public long? RequestEngineEvents { get; init; }

    /// <summary>Request engine only: the minute engine's spill share for the same router, where it has one.</summary>
    public double? MinuteEngineSpillShare { get; init; }

    public static BillSummary Of(ScenarioRun run)
    {
        Bill b = run.Bill;
        return new BillSummary(
            run.Scenario.Name,
            run.Scenario.Router.ModeName,
            run.Demand.Horizon.Value,
            run.Fleet.Replicas,
            run.Fleet.Nodes,
            run.Fleet.BilledGpus,
            run.Fleet.Slots,
            run.Fleet.Capacity.Value,
            b.AllApi.Value,
            b.SelfHost.Value,
            b.Spill.Value,
            b.Total.Value,
            b.Savings.Value,
            b.SavingsShare,
            b.Demand.Value,
            b.SelfHosted.Value,
            b.Spilled.Value,
            b.SpillShare,
            b.Utilization,
            b.TroughUtilization,
            b.BreakEvenUtilization,
            b.SavingsCeilingFraction,
            b.ApiPrice.Value,
            b.SelfHostPriceAtFullUse.Value,
            run.FluidBill.Total.Value,
            run.FluidBill.SavingsShare,
            [.. run.Warnings])
        {
            Engine = run.Engine.ToString().ToLowerInvariant(),
            DroppedTokens = b.Dropped.Value,
            UnservedUsd = b.Unserved.Value,
            AllApiByType = b.Prices.Api.Sheet.IsTyped ? ApiSpendBlock.Of(b.AllApiByType) : null,
            DropShare = b.DropShare,
            Requests = run.Requests?.Requests,
            LatencySeconds = run.Requests is { Requests.SelfHosted: > 0 } r
                ? new LatencyBlock(r.QueueWait, r.TimeToFirstToken, r.EndToEnd) { TimePerOutputToken = r.TimePerOutputToken, ApiEndToEnd = r.ApiEndToEnd }
                : run.MinuteLatency is { } m
                    ? new LatencyBlock(new LatencySummary(0, 0, 0, 0), m.TimeToFirstToken, m.EndToEnd) { TimePerOutputToken = m.TimePerOutputToken, Basis = "closed form" }
                    : null,
            Slo = SloJson.Of(run.Scenario, run.Requests, run.Fleet.Replicas > 0),
            SloMaxInFlight = SloMaxInFlightJson.Of(run.Scenario),
            MinuteEngineSpillShare = run.Requests is null ? null : run.MinuteBill?.SpillShare,
            RequestEngineEvents = run.Requests?.Events,
            BatchApiTokens = b.Classes is null ? null : b.BatchApiTokens.Value,
            BatchApiUsd = b.Classes is null ? null : b.BatchApi.Value,
            Classes = ClassJson.Of(b, run.Scenario.Traffic.Classes),
            AllInteractive = run.AllInteractiveBill is { } same
                ? new AllInteractiveJson(same.Total.Value, same.AllApi.Value, same.Savings.Value, same.SavingsShare, (same.Total - b.Total).Value)
                : null,
        };
    }
}

/// <summary>
/// The same fleet and tokens as a bill with deferrable classes, every token interactive (<see cref="Runs.ScenarioRun.AllInteractiveBill"/>).
/// </summary>
/// <param name="TotalUsd">That month's bill, dollars.</param>
/// <param name="AllApiUsd">Every token at the API's list price, dollars: this bill's baseline (the classed bill's prices deferrable tokens at the batch tier).</param>
/// <param name="SavingsUsd">All API less the bill.</param>
/// <param name="SavingsFraction">Savings over all API; null when the all-API bill is under half a cent (no share to speak of).</param>
/// <param name="DeferralSavesUsd">This total less the classed bill's: what letting the deferrable classes wait saves, the batch tier's discount included (negative: costs).</param>
public sealed record AllInteractiveJson(double TotalUsd, double AllApiUsd, double SavingsUsd, double? SavingsFraction, double DeferralSavesUsd);

/// <summary>Latencies of the self-hosted path.</summary>
public sealed record LatencyBlock(LatencySummary QueueWait, LatencySummary TimeToFirstToken, LatencySummary EndToEnd)
{
    /// <summary>"measured" (the request engine, request by request) or "closed form" (the minute engine's, docs/model.md).</summary>
    public string Basis { get; init; } = "measured";

    /// <summary>Seconds per output token after the first (TPOT).</summary>
    public LatencySummary? TimePerOutputToken { get; init; }

    /// <summary>End to end for requests the API served, from arrival; null without api.latency.</summary>
    public LatencySummary? ApiEndToEnd { get; init; }
}

/// <summary>
/// One SLO objective in bill.json and compare.json: target, measured P95 and worst-case P95 in
/// seconds; met or not (null: neither measured nor guaranteed), and on what basis.
/// </summary>
/// <param name="Basis">"measured" (the request engine's P95), "worst case" (met with every slot busy, no run needed) or "unchecked".</param>
/// <remarks>Every field is written, null included, so each objective reads the same in every verb's JSON.</remarks>
public sealed record SloJson(
    string Measure,
    double TargetSeconds,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] double? P95Seconds,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] double? WorstCaseP95Seconds,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] bool? Met,
    string Basis)
{
    /// <summary>The scenario's objectives against a run (<see cref="SloAttainment"/>), or null without an SLO.</summary>
    public static IReadOnlyList<SloJson>? Of(ScenarioSpec scenario, Engine.Requests.RequestRun? requests, bool fleetServes = true) =>
        scenario.Slo is null ? null
        : [.. SloAttainment.Of(scenario, requests, fleetServes).Select(From)];

    /// <summary>One objective's result as JSON.</summary>
    public static SloJson From(SloResult x) => new(x.Measure, x.TargetSeconds, x.P95Seconds, x.WorstCaseP95Seconds, x.Met, x.Basis);
}

/// <summary>
/// The SLO-aware max in flight (<see cref="SloInFlight"/>) in JSON: as configured, the most whose
/// worst case meets every objective (meets_slo; null: none does), and what the replicas run with.
/// </summary>
public sealed record SloMaxInFlightJson(int Configured, int? MeetsSlo, int Runs)
{
    /// <summary>The scenario's figures, or null without an SLO.</summary>
    public static SloMaxInFlightJson? Of(ScenarioSpec scenario) =>
        scenario.SloInFlight is { } s ? new SloMaxInFlightJson(s.Configured, s.InFlight, scenario.Replica.MaxInFlight) : null;
}

/// <summary>An API bill by token type, $.</summary>
public sealed record ApiSpendBlock(double FreshInputUsd, double CachedInputUsd, double OutputUsd)
{
    public static ApiSpendBlock Of(Pricing.ApiSpend s) => new(s.FreshInput.Value, s.CachedInput.Value, s.Output.Value);
}
