using static System.FormattableString;
using FleetSim.Scenario;
using YamlDotNet.RepresentationModel;

namespace FleetSim.Reporting.Deploy;

/// <summary>
/// Writes a reactive policy with min_replicas 0 as a KEDA ScaledObject (keda.sh/v1alpha1), since an HPA
/// cannot go to zero: minReplicaCount 0, maxReplicaCount, pollingInterval and cooldownPeriod from the
/// scenario, the HPA behavior passed through <c>advanced.horizontalPodAutoscalerConfig</c>, and
/// <c>prometheus</c> triggers on the scenario's metric (threshold = the target per replica, KEDA's
/// AverageValue). FleetSim wakes a fleet at zero on offered demand whatever the metric
/// (docs/autoscalers/scale-to-zero.md); with busy_share, whose pods report nothing at zero, a second
/// trigger on offered tokens does that, its threshold so high it never asks for more than one replica.
/// </summary>
public static class KedaReactiveScaledObject
{
    /// <summary>Threshold of the wake-up trigger, in tok/s per replica: far above any traffic, so it asks for one replica at most.</summary>
    public const string WakeThreshold = "1000000000000";

    /// <summary>The ScaledObject for <paramref name="scenario"/>'s reactive policy.</summary>
    /// <exception cref="ArgumentException">The policy's min_replicas is not 0: write an <see cref="HpaManifest"/>.</exception>
    public static string Write(ScenarioSpec scenario, DeployChoice choice)
    {
        ReactiveSpec reactive = scenario.Scaling.Reactive;
        if (!reactive.ScalesToZero)
        {
            throw new ArgumentException($"min_replicas {reactive.MinReplicas} is an HPA's to keep; this ScaledObject is for scaling to zero", nameof(scenario));
        }
        string target = ReactiveMetrics.Quantity(ReactiveMetrics.TargetPerReplica(scenario));
        bool busy = reactive.Metric == ReactiveMetric.BusyShare;
        var triggers = new YamlSequenceNode(Prometheus(choice, "load", busy ? ReactiveMetrics.InFlightQuery(choice) : ReactiveMetrics.OfferedQuery(choice), target));
        if (busy)
        {
            triggers.Add(Prometheus(choice, "wake", ReactiveMetrics.OfferedQuery(choice), WakeThreshold));
        }
        var spec = new YamlMappingNode
        {
            { "scaleTargetRef", KedaObjects.Target(choice.DeploymentName) },
            { "minReplicaCount", DeployYaml.Number(0) },
            { "maxReplicaCount", DeployYaml.Number(ReactiveMetrics.MaxReplicas(reactive, choice).Replicas) },
            { "pollingInterval", DeployYaml.Number(reactive.PollingIntervalSeconds) },
            { "cooldownPeriod", DeployYaml.Number(reactive.CooldownPeriodSeconds) },
            {
                "advanced", new YamlMappingNode
                {
                    {
                        "horizontalPodAutoscalerConfig", new YamlMappingNode
                        {
                            {
                                "behavior", new YamlMappingNode
                                {
                                    { "scaleUp", ReactiveMetrics.Rules(reactive.ScaleUp) },
                                    { "scaleDown", ReactiveMetrics.Rules(reactive.ScaleDown) },
                                }
                            },
                        }
                    },
                }
            },
            { "triggers", triggers },
        };
        var comments = DeployYaml.Comments();
        comments[triggers] = busy
            ?
            [
                Invariant($"load: requests running on the pods, target {reactive.TargetUtilization:0.###} × max_in_flight {scenario.Replica.MaxInFlight} per replica (busy_share)."),
                "wake: any offered token wakes the fleet from zero (the pods report nothing there); its threshold never asks for more than 1.",
            ]
            :
            [
                Invariant($"load: tokens per second offered to '{choice.ModelGroup}', target {reactive.TargetUtilization:0.###} × {scenario.Replica.Throughput.Value:0.###} tok/s per replica (offered_load);"),
                "any offered token wakes the fleet from zero.",
            ];
        var root = new YamlMappingNode
        {
            { "apiVersion", DeployYaml.Text("keda.sh/v1alpha1") },
            { "kind", DeployYaml.Text("ScaledObject") },
            { "metadata", KedaObjects.Metadata($"{choice.DeploymentName}-reactive") },
            { "spec", spec },
        };
        string[] header =
        [
            $"KEDA ScaledObject written by FleetSim from scenario '{scenario.Name}', policy {choice.PolicyName}: Deployment {choice.DeploymentName}",
            $"between 0 and {ReactiveMetrics.MaxReplicas(reactive, choice).Replicas} replicas. KEDA creates the HPA (minReplicas 1) and takes the fleet to zero after",
            $"{reactive.CooldownPeriodSeconds} s without activity, and back when demand comes. The cluster autoscaler adds the nodes.",
            .. ReactiveMetrics.MaxReplicasNote(reactive, choice) is { } note ? [note] : Array.Empty<string>(),
        ];
        return DeployYaml.Write(root, header, comments);
    }

    private static YamlMappingNode Prometheus(DeployChoice choice, string name, string query, string threshold) => new()
    {
        { "type", DeployYaml.Text("prometheus") },
        { "name", DeployYaml.Text(name) },
        { "metricType", DeployYaml.Text("AverageValue") },
        {
            "metadata", new YamlMappingNode
            {
                { "serverAddress", DeployYaml.Text(choice.PrometheusAddress) },
                { "query", DeployYaml.Text(query) },
                { "threshold", DeployYaml.Text(threshold) },
                { "activationThreshold", DeployYaml.Text("0") },
            }
        },
    };
}
