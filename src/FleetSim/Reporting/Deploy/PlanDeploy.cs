using FleetSim.Runs.Plan;
using FleetSim.Scaling;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Reporting.Deploy;

/// <summary>What `fleetsim plan` writes under deploy/ for its plan: the choice the deploy writers take, read off the plan's run.</summary>
public static class PlanDeploy
{
    /// <summary>The folder inside --out the deploy files go to.</summary>
    public const string Folder = "deploy";

    /// <summary>Every file plan may write under deploy/ (for the --out overwrite check).</summary>
    public static IReadOnlyList<string> AllFiles { get; } =
        [.. new[] { LiteLlmProxyConfig.FileName, KedaObjects.ScaledObjectFileName, HpaManifest.FileName }.Select(f => Path.Combine(Folder, f))];

    /// <summary>
    /// The plan's deploy files (paths under deploy/, texts): none when the plan runs no replica at all (everything to the API).
    /// The LiteLLM config lists the most replicas the plan's month ever serves; a schedule's levels are the plan's own.
    /// </summary>
    public static IReadOnlyList<(string Path, string Text)> For(PlanResult plan)
    {
        PlanCandidate best = plan.Best.Candidate;
        ScenarioSpec spec = best.ScenarioFor(plan.Scenario)!;
        int peak = plan.Best.Estimate.PeakServing;
        if (peak == 0)
        {
            return [];
        }
        (int[] Weekday, int[] Weekend)? levels = best.Policy == "schedule"
            ? Plans.Levels(spec.Scaling.Schedule, DemandBuilder.Build(spec.Traffic, spec.Horizon), new FleetEconomics(spec))
            : null;
        string name = KubernetesName(plan.Model);
        // Reserved nodes are paid for and serve all month: an autoscaler must not scale below their replicas.
        int reserved = spec.Pricing.ReservedNodes * spec.Replica.ReplicasPerNode;
        if (reserved > spec.Scaling.Reactive.MinReplicas)
        {
            spec = spec with { Scaling = spec.Scaling with { Reactive = spec.Scaling.Reactive with { MinReplicas = reserved } } };
        }
        var choice = new DeployChoice(best.Policy, peak, levels?.Weekday, levels?.Weekend, plan.Model, name);
        return [.. DeployFiles.For(spec, choice).Select(f => (Path.Combine(Folder, f.FileName), f.Text))];
    }

    /// <summary>A DNS-1123 label from a model name (lower case, letters, digits and '-'; at most 63 characters): kimi-k2.6 → kimi-k2-6.</summary>
    public static string KubernetesName(string model)
    {
        var chars = model.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        string name = new string(chars).Trim('-');
        name = name.Length > 63 ? name[..63].TrimEnd('-') : name;
        return name.Length == 0 ? "model" : name;
    }
}
