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
            r.DeniedNodes, r.Failures, r.Preemptions)
        {
            Classes = ClassJson.Of(r.Bill, c.Scenario.Traffic.Classes),
            ClassTokens = r.Bill.Classes is null ? null : PolicyClassTokens.Of(r.Bill),
        })],
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
/// <param name="ApiUsd">Spill at list + the batch tier + unserved tokens priced at the API.</param>
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
    int Preemptions)
{
    /// <summary>
    /// With traffic classes: the policy's bill by class (bill.json's <c>classes</c> list), whose token fields add up to
    /// the policy's demand, self-hosted, spilled (+ batch API) and dropped tokens and whose dollars add up to its
    /// self_host_usd, api_usd and total_usd; left out without classes.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ClassJson>? Classes { get; init; }

    /// <summary>With traffic classes: the policy's tokens by where they went, which its <see cref="Classes"/> add up to; left out without classes.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public PolicyClassTokens? ClassTokens { get; init; }
}

/// <summary>
/// A policy's tokens with traffic classes, over the horizon: what each class's list in compare.json adds up to.
/// demand = self_host + spill + batch_api + dropped (to rounding).
/// </summary>
/// <param name="SpillTokens">Interactive tokens the router sent to the API at list price.</param>
/// <param name="BatchApiTokens">Deferrable tokens sent to the batch tier (deadline reached, or held at the horizon's end).</param>
/// <param name="BatchApiUsd">What the batch tier charged for them.</param>
public sealed record PolicyClassTokens(double DemandTokens, double SelfHostTokens, double DeferredSelfHostTokens, double SpillTokens,
                                       double BatchApiTokens, double DroppedTokens, double BatchApiUsd)
{
    /// <summary>The bill's totals (its spilled tokens split into the interactive spill and the batch tier's).</summary>
    public static PolicyClassTokens Of(Economics.Bill bill) => new(
        bill.Demand.Value, bill.SelfHosted.Value, bill.ByClass.Sum(l => l.Tokens.SelfHostedDeferred.Value),
        bill.Spilled.Value - bill.BatchApiTokens.Value, bill.BatchApiTokens.Value, bill.Dropped.Value, bill.BatchApi.Value);
}
