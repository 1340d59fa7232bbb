using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Runs.Plan;

/// <summary>
/// What <c>fleetsim plan</c> found: every candidate priced on the scenario's month, cheapest first; the
/// cheapest few verified by Monte Carlo; and compare's own best deployable policy verified beside them.
/// </summary>
/// <param name="Scenario">The scenario searched.</param>
/// <param name="Catalogue">The catalogue searched.</param>
/// <param name="Model">The model whose replicas were tried.</param>
/// <param name="Estimates">Every candidate priced, cheapest first.</param>
/// <param name="Verified">The verified plans: those meeting the SLO first, then by mean monthly total.</param>
/// <param name="ComparesBest">Compare's best deployable policy on the scenario's own fleet, verified on the same months.</param>
/// <param name="Exclusions">What was left out, and why.</param>
/// <param name="Month">The month the estimates ran on (compare's month).</param>
public sealed record PlanResult(
    ScenarioSpec Scenario,
    NodeCatalogue Catalogue,
    string Model,
    IReadOnlyList<PlanEstimate> Estimates,
    IReadOnlyList<PlanVerification> Verified,
    PlanVerification ComparesBest,
    IReadOnlyList<PlanExclusion> Exclusions,
    DemandSeries Month)
{
    /// <summary>The plan to deploy: the verified one with the lowest mean total among those that meet the SLO and are measured (or estimates are trusted).</summary>
    public PlanVerification Best => Verified[0];

    /// <summary>What the search noticed without refusing (e.g. the model taken from the catalogue).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The cheapest verified plan on an estimated replica, when estimates are not trusted and it beats the best: worth benchmarking.</summary>
    public PlanVerification? WorthBenchmarking => Verified.FirstOrDefault(v => !PlanSearch.Deployable(v.Candidate, Scenario.Plan));

    /// <summary>What one of the plan's months is called in its outputs: "month" for 730 h, else "N h".</summary>
    public string Period => Month.Minutes == 730 * 60 ? "month" : $"{(Month.Minutes / 60).ToString(System.Globalization.CultureInfo.InvariantCulture)} h";

    /// <summary>Every demanded token at the API's price over the month.</summary>
    public double AllApiUsd => Estimates[0].Bill.AllApi.Value;

    /// <summary>
    /// Short reasons <paramref name="estimate"/> wins where it does: its node type against the next best
    /// node type on the same policy, its pool against on demand, its policy against the next best
    /// policy on the same nodes. Each names the dollars per month it is worth.
    /// </summary>
    public IReadOnlyList<string> WhyWins(PlanEstimate estimate)
    {
        PlanCandidate c = estimate.Candidate;
        var reasons = new List<string>();
        if (c.IsScenarios)
        {
            reasons.Add("the scenario's own fleet, as compare runs it");
            return reasons;
        }
        // At full use, the price of the nodes the plan leans on: its reserved base, else its base fleet's.
        double price = c.ScenarioFor(Scenario) is { } spec
            ? new Pricing.ScenarioPrices(spec) is var prices && c.ReservedNodes > 0
                ? prices.AtFullUse(prices.Nodes.UsdPerGpuHour(Pricing.NodeKind.Reserved)).Value
                : prices.SelfHostAtFullUse.Value
            : double.NaN;
        double api = Estimates[0].Bill.ApiPrice.Value;
        reasons.Add($"${price:0.###}/M at full use against the API's ${api:0.###}/M");
        PlanEstimate? otherNode = Estimates.FirstOrDefault(e => e.Candidate.NodeTypeName != c.NodeTypeName && !e.Candidate.IsScenarios &&
                                                                PlanSearch.Deployable(e.Candidate, Scenario.Plan));
        if (otherNode is not null && otherNode.TotalUsd > estimate.TotalUsd)
        {
            reasons.Add($"${otherNode.TotalUsd - estimate.TotalUsd:N0}/month below the best on another node type ({otherNode.Candidate.NodeTypeName}, {otherNode.Candidate.PolicyLabel})");
        }
        if (c.Pool != PoolMix.OnDemand &&
            Estimates.FirstOrDefault(e => e.Candidate == c with { Pool = PoolMix.OnDemand, ReservedNodes = 0 }) is { } onDemand)
        {
            string preemptions = PoolMixes.UsesSpot(c.Pool) && c.NodeType!.SpotPreemptionsPerNodeHour is { } rate
                ? $", at the catalogue's {rate:G3} spot preemptions per node-hour (one per {1 / Math.Max(rate, 1e-12) / 24:N0} node-days: check it for your region)"
                : "";
            string against = onDemand.RentsNothing ? "against all on demand (which rents nothing here: every token to the API)" : "against all on demand";
            reasons.Add($"{PoolMixes.Describe(c.Pool)} saves ${onDemand.TotalUsd - estimate.TotalUsd:N0}/month {against}{preemptions}");
            if (c.Pool == PoolMix.SpotBase)
            {
                reasons.Add("a base fleet on spot has no capacity guarantee: the cloud may have no spot node to replace a preempted one; compare with spot_bursts before relying on it");
            }
        }
        PlanEstimate? otherPolicy = Estimates.FirstOrDefault(e => e.Candidate.NodeType == c.NodeType && e.Candidate.Replica == c.Replica &&
                                                                  e.Candidate.InstanceGpus == c.InstanceGpus && e.Candidate.Pool == c.Pool && e.Candidate.Policy != c.Policy);
        if (otherPolicy is not null && otherPolicy.TotalUsd > estimate.TotalUsd)
        {
            reasons.Add($"{c.PolicyLabel} beats {otherPolicy.Candidate.PolicyLabel} on the same nodes by ${otherPolicy.TotalUsd - estimate.TotalUsd:N0}/month");
        }
        if (c.Estimated)
        {
            reasons.Add("ESTIMATED throughput (not measured): benchmark this replica before renting");
        }
        if (c.NodeType is { } node && Catalogue.PriceCaveat(node) is { } caveat)
        {
            reasons.Add(caveat);
        }
        return reasons;
    }
}
