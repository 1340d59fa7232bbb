using static System.FormattableString;
using FleetSim.Scenario;
using YamlDotNet.RepresentationModel;

namespace FleetSim.Reporting.Deploy;

/// <summary>
/// Writes the reactive policy as a Kubernetes HorizontalPodAutoscaler (autoscaling/v2): min and max
/// replicas, one metric with the scenario's target (busy_share: a Pods metric of requests running per
/// pod, AverageValue target × max_in_flight; offered_load: an External metric of offered tok/s,
/// AverageValue target × a replica's tok/s), and <c>behavior</c> exactly as the scenario's
/// scale_up/scale_down (stabilizationWindowSeconds, selectPolicy, policies; tolerance when not 0.1).
/// </summary>
public static class HpaManifest
{
    /// <summary>The file's name under the deploy folder.</summary>
    public const string FileName = "hpa.yaml";

    /// <summary>The manifest for <paramref name="scenario"/>'s reactive policy, scaling <paramref name="choice"/>'s Deployment.</summary>
    /// <exception cref="ArgumentException">The policy scales to zero, which an HPA cannot: use <see cref="KedaReactiveScaledObject"/>.</exception>
    public static string Write(ScenarioSpec scenario, DeployChoice choice)
    {
        ReactiveSpec reactive = scenario.Scaling.Reactive;
        int most = ReactiveMetrics.MaxReplicas(reactive, choice).Replicas;
        if (reactive.ScalesToZero)
        {
            throw new ArgumentException("min_replicas 0 needs KEDA: an HPA cannot scale to zero", nameof(scenario));
        }
        string target = ReactiveMetrics.Quantity(ReactiveMetrics.TargetPerReplica(scenario));
        YamlMappingNode metric = reactive.Metric == ReactiveMetric.BusyShare
            ? new YamlMappingNode
            {
                { "type", DeployYaml.Text("Pods") },
                {
                    "pods", new YamlMappingNode
                    {
                        { "metric", new YamlMappingNode { { "name", DeployYaml.Text(ReactiveMetrics.InFlightPerPod) } } },
                        { "target", new YamlMappingNode { { "type", DeployYaml.Text("AverageValue") }, { "averageValue", DeployYaml.Text(target) } } },
                    }
                },
            }
            : new YamlMappingNode
            {
                { "type", DeployYaml.Text("External") },
                {
                    "external", new YamlMappingNode
                    {
                        {
                            "metric", new YamlMappingNode
                            {
                                { "name", DeployYaml.Text(ReactiveMetrics.OfferedTokensPerSecond) },
                                { "selector", new YamlMappingNode { { "matchLabels", new YamlMappingNode { { "requested_model", DeployYaml.Text(choice.ModelGroup) } } } } },
                            }
                        },
                        { "target", new YamlMappingNode { { "type", DeployYaml.Text("AverageValue") }, { "averageValue", DeployYaml.Text(target) } } },
                    }
                },
            };
        var metrics = new YamlSequenceNode(metric);
        var behavior = new YamlMappingNode
        {
            { "scaleUp", ReactiveMetrics.Rules(reactive.ScaleUp) },
            { "scaleDown", ReactiveMetrics.Rules(reactive.ScaleDown) },
        };
        var spec = new YamlMappingNode
        {
            { "scaleTargetRef", KedaObjects.Target(choice.DeploymentName) },
            { "minReplicas", DeployYaml.Number(reactive.MinReplicas) },
            { "maxReplicas", DeployYaml.Number(most) },
            { "metrics", metrics },
            { "behavior", behavior },
        };
        var comments = DeployYaml.Comments();
        comments[metrics] = reactive.Metric == ReactiveMetric.BusyShare
            ?
            [
                Invariant($"busy_share {reactive.TargetUtilization:0.###}: requests running per pod, target {reactive.TargetUtilization:0.###} × max_in_flight {scenario.Replica.MaxInFlight}"),
                $"(vLLM's vllm:num_requests_running through a Prometheus adapter as the Pods metric {ReactiveMetrics.InFlightPerPod}).",
            ]
            :
            [
                Invariant($"offered_load {reactive.TargetUtilization:0.###}: tokens per second offered to model group '{choice.ModelGroup}' per replica,"),
                Invariant($"target {reactive.TargetUtilization:0.###} × a replica's {scenario.Replica.Throughput.Value:0.###} tok/s (an adapter rule maps"),
                $"{ReactiveMetrics.OfferedQuery(choice)} to the External metric {ReactiveMetrics.OfferedTokensPerSecond}).",
            ];
        if (reactive.ScaleUp.Tolerance != 0.1 || reactive.ScaleDown.Tolerance != 0.1)
        {
            comments[behavior] = ["behavior.*.tolerance needs Kubernetes 1.33+ with the HPAConfigurableTolerance feature gate."];
        }
        var root = new YamlMappingNode
        {
            { "apiVersion", DeployYaml.Text("autoscaling/v2") },
            { "kind", DeployYaml.Text("HorizontalPodAutoscaler") },
            { "metadata", KedaObjects.Metadata(choice.DeploymentName) },
            { "spec", spec },
        };
        string[] header =
        [
            $"HorizontalPodAutoscaler written by FleetSim from scenario '{scenario.Name}', policy {choice.PolicyName}: Deployment",
            $"{choice.DeploymentName} between {reactive.MinReplicas} and {most} replicas. FleetSim assumed kube-controller-manager's",
            $"--horizontal-pod-autoscaler-sync-period={reactive.SyncPeriodSeconds}s and a metric averaged over {reactive.MetricWindowSeconds} s; the cluster autoscaler adds the nodes.",
            .. ReactiveMetrics.MaxReplicasNote(reactive, choice) is { } note ? [note] : Array.Empty<string>(),
        ];
        return DeployYaml.Write(root, header, comments);
    }
}
