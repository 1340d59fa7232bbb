using System.Globalization;
using FleetSim.Scenario;

namespace FleetSim.Reporting.Deploy;

/// <summary>
/// The metrics a deployed reactive policy reads, in the units FleetSim's targets are shares of
/// (docs/autoscalers/reactive-hpa.md). busy_share is a per-pod metric: vLLM's requests running per pod
/// (<c>vllm:num_requests_running</c>), whose share of max_in_flight is the busy share in FleetSim's slot
/// model. offered_load is the traffic offered to the router: LiteLLM's token counter
/// (<c>litellm_total_tokens_metric</c>, input + output tokens by requested_model) as a rate, whose
/// per-replica share of a replica's rated tok/s is the offered load.
/// </summary>
internal static class ReactiveMetrics
{
    /// <summary>The Pods metric an HPA reads for busy_share, as a Prometheus adapter names vLLM's gauge.</summary>
    public const string InFlightPerPod = "vllm_num_requests_running";

    /// <summary>The External metric an HPA reads for offered_load: LiteLLM's processed tokens per second.</summary>
    public const string OfferedTokensPerSecond = "litellm_total_tokens_per_second";

    /// <summary>The target per replica in the metric's own unit: target × max_in_flight requests, or target × tok/s.</summary>
    public static double TargetPerReplica(ScenarioSpec scenario) => scenario.Scaling.Reactive.Metric == ReactiveMetric.BusyShare
        ? scenario.Scaling.Reactive.TargetUtilization * scenario.Replica.MaxInFlight
        : scenario.Scaling.Reactive.TargetUtilization * scenario.Replica.Throughput.Value;

    /// <summary>
    /// The deployed fleet's most replicas (HPA <c>maxReplicas</c>, KEDA <c>maxReplicaCount</c>): the scenario's
    /// <c>max_replicas</c> when it sets one; otherwise the most the simulated month ran (<see cref="DeployChoice.Replicas"/>,
    /// at least min_replicas), never the unbounded default of 100,000 replicas. The simulated month never asked for
    /// more, so this cap changes none of it, and the bill is the same; the header says so, as traffic can grow past it.
    /// </summary>
    public static (int Replicas, bool FromTheMonth) MaxReplicas(ReactiveSpec reactive, DeployChoice choice) =>
        reactive.MaxReplicas != ReactiveSpec.Default.MaxReplicas
            ? (reactive.MaxReplicas, false)
            : (Math.Max(Math.Max(reactive.MinReplicas, 1), choice.Replicas), true);

    /// <summary>The header's sentence on <see cref="MaxReplicas"/>, or null when the scenario set it.</summary>
    public static string? MaxReplicasNote(ReactiveSpec reactive, DeployChoice choice) =>
        MaxReplicas(reactive, choice) is (int n, true)
            ? $"The scenario sets no scaling.reactive.max_replicas: {n} is the most the simulated month ran; raise it as traffic grows."
            : null;

    /// <summary>A Kubernetes quantity: the value to a thousandth ("6.4", "21280").</summary>
    public static string Quantity(double value) => Math.Round(value, 3).ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>PromQL for the requests running on the Deployment's pods, summed.</summary>
    public static string InFlightQuery(DeployChoice choice) =>
        $"sum(vllm:num_requests_running{{pod=~\"{choice.DeploymentName}-.*\"}})";

    /// <summary>PromQL for the processed tokens per second the model group is offered, over 1 minute.</summary>
    public static string OfferedQuery(DeployChoice choice) =>
        $"sum(rate(litellm_total_tokens_metric_total{{requested_model=\"{choice.ModelGroup}\"}}[1m]))";

    /// <summary>One direction of behavior exactly as the spec has it (tolerance only when not Kubernetes' 0.1).</summary>
    public static YamlDotNet.RepresentationModel.YamlMappingNode Rules(ScalingRulesSpec rules)
    {
        var node = KedaObjects.Rules(
            rules.StabilizationWindowSeconds,
            rules.Select.ToString(),
            rules.Policies.Select(p => (p.Type.ToString(), p.Value, p.PeriodSeconds)));
        if (rules.Tolerance != 0.1)
        {
            node.Add("tolerance", DeployYaml.Text(Quantity(rules.Tolerance)));
        }
        return node;
    }
}
