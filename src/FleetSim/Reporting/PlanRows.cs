using System.Globalization;
using FleetSim.Runs.Plan;
using FleetSim.Scenario;

namespace FleetSim.Reporting;

/// <summary>The words a plan's table, markdown and JSON share for one candidate.</summary>
public static class PlanRows
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The pool as a short label: <c>reserved_3y ×2</c>, or <c>as scenario</c> for compare's own fleet.</summary>
    public static string Pool(PlanCandidate c) =>
        c.IsScenarios ? "as scenario" : c.ReservedNodes > 0 ? $"{PoolMixes.Name(c.Pool)} ×{c.ReservedNodes.ToString(Inv)}" : PoolMixes.Name(c.Pool);

    /// <summary>The node column: the node type and, for a smaller instance, its GPUs: <c>gcp-a3-highgpu/4</c>.</summary>
    public static string Node(PlanCandidate c) =>
        c.NodeType is { } n && c.InstanceGpus != n.GpusPerNode ? $"{n.Name}/{c.InstanceGpus.ToString(Inv)}" : c.NodeTypeName;

    /// <summary>The GPU model, or the scenario's replica's.</summary>
    public static string Gpu(PlanCandidate c) => c.NodeType?.Gpu ?? "scenario";

    /// <summary>
    /// The plan in one sentence: what to rent and what it costs against compare's best; or, when the plan rents
    /// nothing, to stay on the API; or, when it is the scenario's own fleet, that no catalogue node type beats
    /// the price the scenario assumes.
    /// </summary>
    public static string Headline(PlanResult p)
    {
        PlanVerification best = p.Best, compare = p.ComparesBest;
        string period = p.Period;
        if (best.Estimate.RentsNothing)
        {
            return $"Best: stay on the API and rent nothing ({new Units.Usd(best.MeanUsd)} per {period}): no candidate saves against the API at these prices.";
        }
        if (best.Candidate.IsScenarios)
        {
            return $"Best: the scenario's own fleet with {best.Candidate.PolicyLabel} ({new Units.Usd(best.MeanUsd)} per {period}): no catalogue node type beats the " +
                   $"${p.Scenario.Replica.GpuPrice.Value.ToString("0.##", Inv)}/GPU-hour the scenario assumes; check that price against the catalogue before renting.";
        }
        return $"Best: {best.Candidate.Describe(p.Scenario)}, {best.Candidate.PolicyLabel}: {new Units.Usd(best.MeanUsd)} per {period} on average, " +
               $"{new Units.Usd(Math.Max(0, compare.MeanUsd - best.MeanUsd)).ToShortString()} below compare's best on the same months.";
    }

    /// <summary>What the verified months' spread covers: only what the scenario varies.</summary>
    public static string Spread(PlanResult p)
    {
        var s = p.Scenario;
        var varies = new List<string>();
        if (s.Traffic.Noise.IsRandom)
        {
            varies.Add("the traffic's noise");
        }
        if (s.Scaling.Failures is not null)
        {
            varies.Add("replica failures");
        }
        if (p.Verified.Any(v => Scenario.PoolMixes.UsesSpot(v.Candidate.Pool) && !v.Candidate.IsScenarios) || s.Pricing.Spot is { PreemptionsPerNodeHour: > 0 })
        {
            varies.Add("spot preemptions (at the catalogue's rates)");
        }
        return varies.Count == 0
            ? "The verified months are all alike: the scenario varies nothing from month to month (no traffic noise, failures or spot preemptions)."
            : $"P5 and P95 cover only what the scenario varies month to month: {string.Join(", ", varies)}; not price changes, spot capacity or throughput error.";
    }

    /// <summary>measured, estimated, or scenario for compare's own fleet.</summary>
    public static string Basis(PlanCandidate c) => c.Replica is { } r ? r.Basis.ToString().ToLowerInvariant() : "scenario";
}
