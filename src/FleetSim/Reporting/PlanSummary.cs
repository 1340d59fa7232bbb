using System.Text.Json;
using FleetSim.Runs.Plan;

namespace FleetSim.Reporting;

/// <summary>plan.json: the best plan with what to rent, every verified plan, every candidate priced, and what was left out (snake_case).</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Model">The model planned for.</param>
/// <param name="Catalogue">The catalogue's name.</param>
/// <param name="CataloguePath">The catalogue's file (or the built-in one's name).</param>
/// <param name="HorizonHours">The month's length.</param>
/// <param name="AllApiUsd">Every token at the API's price.</param>
/// <param name="Best">The plan to deploy.</param>
/// <param name="ComparesBest">Compare's best deployable on the scenario's own fleet, verified on the same months.</param>
/// <param name="Verified">Every verified plan, best first.</param>
/// <param name="Candidates">Every candidate priced on the scenario's month, cheapest first.</param>
/// <param name="Exclusions">What was left out, and why.</param>
public sealed record PlanSummary(
    string Scenario,
    string Model,
    string Catalogue,
    string CataloguePath,
    double HorizonHours,
    double AllApiUsd,
    PlanChoiceJson Best,
    PlanChoiceJson ComparesBest,
    IReadOnlyList<PlanChoiceJson> Verified,
    IReadOnlyList<PlanCandidateJson> Candidates,
    IReadOnlyList<PlanExclusion> Exclusions,
    IReadOnlyList<string> Warnings)
{
    private static readonly JsonSerializerOptions Options = JsonNumbers.Options();

    public static PlanSummary Of(PlanResult p) => new(
        p.Scenario.Name, p.Model, p.Catalogue.Name, p.Catalogue.Path, p.Month.Minutes / 60.0, p.AllApiUsd,
        PlanChoiceJson.Of(p, p.Best), PlanChoiceJson.Of(p, p.ComparesBest),
        [.. p.Verified.Select(v => PlanChoiceJson.Of(p, v))],
        [.. p.Estimates.Select(e => PlanCandidateJson.Of(p, e))],
        p.Exclusions, [.. p.Scenario.Warnings, .. p.Warnings]);

    /// <summary>How this plan was made (version, command, overrides, seed, scenario hash, time); set by the CLI.</summary>
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public Provenance? Provenance { get; init; }

    public string ToJson() => JsonNumbers.Write(this, Options);
}

/// <summary>One candidate priced on the scenario's month: what is rented, how it scales, and its bill.</summary>
public sealed record PlanCandidateJson(
    string NodeType,
    string? Cloud,
    string? Instance,
    string Gpu,
    int InstanceGpus,
    int TensorParallel,
    int MaxInFlight,
    string Pool,
    int ReservedNodes,
    string Policy,
    double? ReactiveTarget,
    string Basis,
    double TotalUsd,
    double SelfHostUsd,
    double ApiUsd,
    double? SavingsFraction,
    double SpillShare,
    double NodeHours,
    double MeanServingReplicas)
{
    public static PlanCandidateJson Of(PlanResult p, PlanEstimate e)
    {
        PlanCandidate c = e.Candidate;
        Economics.Bill b = e.Bill;
        return new PlanCandidateJson(
            c.NodeTypeName, c.NodeType?.Cloud, c.NodeType?.Instance, PlanRows.Gpu(c), c.InstanceGpus, c.TensorParallel(p.Scenario),
            c.ScenarioFor(p.Scenario)?.Replica.MaxInFlight ?? 0,
            c.IsScenarios ? "scenario" : PoolMixes(c), c.ReservedNodes, c.Policy, c.ReactiveTarget, PlanRows.Basis(c),
            b.Total.Value, b.SelfHost.Value, (b.Spill + b.Unserved).Value, b.SavingsShare, b.SpillShare, e.NodeHours, e.MeanServingReplicas);
    }

    private static string PoolMixes(PlanCandidate c) => Scenario.PoolMixes.Name(c.Pool);
}

/// <summary>A verified plan: the candidate, its month's estimate, and its spread over the Monte Carlo months.</summary>
/// <param name="Rent">What to rent, in words.</param>
/// <param name="Why">Why it wins where it does.</param>
/// <param name="TotalUsd">The mean monthly total over the verified months (what `best.total_usd` means).</param>
/// <param name="Outlook">With the scenario's outlook: the plan month after month, its total and payback month; null without.</param>
public sealed record PlanChoiceJson(
    PlanCandidateJson Candidate,
    string Rent,
    IReadOnlyList<string> Why,
    double TotalUsd,
    double P5Usd,
    double P50Usd,
    double P95Usd,
    IReadOnlyList<double> MonthlyTotalsUsd,
    bool? MeetsSlo,
    IReadOnlyList<SloJson> Slo,
    OutlookJson? Outlook)
{
    public static PlanChoiceJson Of(PlanResult p, PlanVerification v) => new(
        PlanCandidateJson.Of(p, v.Estimate), v.Candidate.Describe(p.Scenario), p.WhyWins(v.Estimate),
        v.MeanUsd, v.P5Usd, v.P50Usd, v.P95Usd, v.TotalsUsd, v.MeetsSlo, [.. v.Slo.Select(SloJson.From)], OutlookJson.Of(v.Outlook))
    {
        Classes = ClassJson.Of(v.Estimate.Bill, p.Scenario.Traffic.Classes),
    };

    /// <summary>
    /// With traffic.classes: each class's tokens and dollars in the scenario's month on this plan (as bill.json's
    /// <c>classes</c>), adding up to <see cref="PlanCandidateJson.TotalUsd"/>; omitted without classes.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ClassJson>? Classes { get; init; }
}
