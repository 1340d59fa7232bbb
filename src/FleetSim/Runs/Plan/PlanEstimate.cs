namespace FleetSim.Runs.Plan;

/// <summary>A candidate priced on the minute engine over the scenario's month (the month compare runs).</summary>
/// <param name="Candidate">What is rented and how it scales.</param>
/// <param name="Result">The policy's run and its bill.</param>
public sealed record PlanEstimate(PlanCandidate Candidate, PolicyResult Result)
{
    /// <summary>The month's total: self-hosted nodes plus everything the API is paid for.</summary>
    public double TotalUsd => Result.Total.Value;
}

/// <summary>A candidate left out of the search, and why (it cannot meet the SLO, or the pool is not sold).</summary>
public sealed record PlanExclusion(string What, string Why);
