using System.Text.Json;
using FleetSim.Engine;
using FleetSim.Runs;

namespace FleetSim.Reporting;

/// <summary>The comparison as flat numbers for JSON (snake_case).</summary>
/// <param name="BestDeployablePolicy">The deployable policy that saves the most (the oracle excluded); null when none saves anything (stay on the API) or only the oracle ran.</param>
/// <param name="OracleBoundUsd">The oracle's total: no policy's total is below it; null when it did not run.</param>
public sealed record CompareSummary(string Scenario, double HorizonHours, double AllApiUsd, double SavingsCeilingFraction,
                                    string? BestDeployablePolicy, double? OracleBoundUsd, IReadOnlyList<PolicySummary> Policies, IReadOnlyList<string> Warnings)
{
    private static readonly JsonSerializerOptions Options = JsonNumbers.Options();

    public static CompareSummary Of(PolicyComparison c) => new(
        c.Scenario.Name,
        c.Demand.Minutes / 60.0,
        c.AllApi.Value,
        c.SavingsCeiling,
        c.BestDeployable is { Savings.Value: > 0 } best ? best.Policy : null,
        c.Bound?.Total.Value,
        [.. c.Runs.Select(r => new PolicySummary(
            r.Policy, r.IsBound, r.SelfHost.Value, r.Spill.Value, r.Total.Value, r.Savings.Value, r.Bill.SavingsShare,
            r.Utilization, r.SpillShare, r.NodeHours, r.ScaleEvents, r.MeanServingReplicas,
            r.DeniedNodes, r.Failures, r.Preemptions))],
        [.. c.Warnings])
    {
        Slo = SloJson.Of(c.Scenario, null),
        SloMaxInFlight = SloMaxInFlightJson.Of(c.Scenario),
    };

    /// <summary>
    /// With slo: each objective against the policies' replicas, by its worst case (compare runs the
    /// minute engine, which measures no request; every policy runs the same replica, so one list holds for all).
    /// </summary>
    public IReadOnlyList<SloJson>? Slo { get; init; }

    /// <summary>With slo: the max in flight configured, the most that guarantees the SLO, and the one every policy's replicas run.</summary>
    public SloMaxInFlightJson? SloMaxInFlight { get; init; }

    /// <summary>How this comparison was made (version, command, overrides, seed, scenario hash, time); set by the CLI.</summary>
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public Provenance? Provenance { get; init; }

    public string ToJson() => JsonNumbers.Write(this, Options);
}

/// <param name="IsBound">True for the oracle: a lower bound on cost, not a deployable policy.</param>
public sealed record PolicySummary(
    string Policy,
    bool IsBound,
    double SelfHostUsd,
    double ApiUsd,
    double TotalUsd,
    double SavingsUsd,
    double? SavingsFraction,
    double Utilization,
    double SpillShare,
    double NodeHours,
    int ScaleEvents,
    double MeanReplicas,
    int DeniedNodes,
    int Failures,
    int Preemptions);
