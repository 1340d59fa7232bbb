using FleetSim.Economics;

namespace FleetSim.Runs.Plan;

/// <summary>
/// A candidate priced on the minute engine over the scenario's month (the month compare runs): its bill
/// and the few figures of its run a plan reads. The run's minute arrays are not kept (a search prices
/// thousands of candidates).
/// </summary>
/// <param name="Candidate">What is rented and how it scales.</param>
/// <param name="Bill">The month's bill.</param>
/// <param name="NodeHours">Node-hours leased.</param>
/// <param name="MeanServingReplicas">Replicas serving, averaged over the month.</param>
/// <param name="PeakServing">The most replicas serving in any minute.</param>
public sealed record PlanEstimate(PlanCandidate Candidate, Bill Bill, double NodeHours, double MeanServingReplicas, int PeakServing)
{
    /// <summary>The month's total: self-hosted nodes plus everything the API is paid for.</summary>
    public double TotalUsd => Bill.Total.Value;

    /// <summary>The share of demanded tokens sent to the API.</summary>
    public double SpillShare => Bill.SpillShare;

    /// <summary>True when the plan rents no node all month (everything goes to the API).</summary>
    public bool RentsNothing => NodeHours <= 0;

    /// <summary>The estimate of <paramref name="candidate"/> from its run and bill.</summary>
    public static PlanEstimate Of(PlanCandidate candidate, Engine.PolicyRun run, Bill bill) =>
        new(candidate, bill, run.NodeHours, run.MeanServingReplicas, run.Serving.Length == 0 ? 0 : run.Serving.Max());
}

/// <summary>A candidate left out of the search, and why (it cannot meet the SLO, or the pool is not sold).</summary>
public sealed record PlanExclusion(string What, string Why);
