using System.Text.Json;
using FleetSim.Engine;

namespace FleetSim.Reporting;

/// <summary>The comparison as flat numbers for JSON (snake_case).</summary>
public sealed record CompareSummary(string Scenario, double HorizonHours, double AllApiUsd, double SavingsCeilingFraction, IReadOnlyList<PolicySummary> Policies)
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static CompareSummary Of(PolicyComparison c) => new(
        c.Scenario.Name,
        c.Demand.Minutes / 60.0,
        c.AllApi.Value,
        c.SavingsCeiling,
        [.. c.Runs.Select(r => new PolicySummary(
            r.Policy, r.SelfHost.Value, r.Spill.Value, r.Total.Value, r.Savings.Value, r.SavingsFraction,
            r.Utilization, r.SpillShare, r.NodeHours, r.ScaleEvents, r.MeanServingReplicas,
            r.DeniedNodes, r.Failures, r.Preemptions))]);

    public string ToJson() => JsonSerializer.Serialize(this, Options);
}

public sealed record PolicySummary(
    string Policy,
    double SelfHostUsd,
    double ApiUsd,
    double TotalUsd,
    double SavingsUsd,
    double SavingsFraction,
    double Utilization,
    double SpillShare,
    double NodeHours,
    int ScaleEvents,
    double MeanReplicas,
    int DeniedNodes,
    int Failures,
    int Preemptions);
