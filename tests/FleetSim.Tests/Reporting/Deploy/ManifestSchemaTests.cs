using System.Text.Json.Nodes;
using FleetSim.Reporting.Deploy;
using FleetSim.Scenario;

namespace FleetSim.Tests.Reporting.Deploy;

/// <summary>
/// Each autoscaler file is valid for its tool: the HPA against Kubernetes' autoscaling/v2 schema, the
/// ScaledObjects against KEDA's CRD schema; and the check can fail.
/// </summary>
public class ManifestSchemaTests
{
    private static readonly DeployChoice Reactive = new("reactive", 6, null, null, "kimi-k2", "kimi-k2-vllm");

    private static ScenarioSpec OfferedLoad(params string[] sets) => Scenarios.Seed([
        "scaling.reactive.metric=offered_load",
        "scaling.reactive.target_utilization=1.3",
        "scaling.reactive.min_replicas=2",
        "scaling.reactive.max_replicas=40",
        "scaling.reactive.scale_down={stabilization_window_seconds: 600, select_policy: Min, policies: [{type: Pods, value: 2, period_seconds: 60}, {type: Percent, value: 10, period_seconds: 120}]}",
        .. sets]);

    [Test]
    public void TheDefaultReactivePolicysHpaIsAValidAutoscalingV2Manifest()
    {
        string hpa = HpaManifest.Write(Scenarios.Seed(), Reactive);
        Assert.That(ManifestSchemas.Errors(ManifestSchemas.Hpa, hpa), Is.Empty, hpa);
        JsonNode spec = ManifestSchemas.ToJson(hpa)!["spec"]!;
        Assert.Multiple(() =>
        {
            Assert.That((int)spec["minReplicas"]!, Is.EqualTo(1));
            // No max_replicas in the scenario: the most the month ran (the choice's 6), not the unbounded 100,000.
            Assert.That((int)spec["maxReplicas"]!, Is.EqualTo(6));
            Assert.That(hpa, Does.Contain("6 is the most the simulated month ran"));
            Assert.That((string)spec["metrics"]![0]!["type"]!, Is.EqualTo("Pods"));
            // busy_share 0.8: 0.8 × max_in_flight requests running per pod.
            Assert.That(double.Parse((string)spec["metrics"]![0]!["pods"]!["target"]!["averageValue"]!, System.Globalization.CultureInfo.InvariantCulture),
                Is.EqualTo(0.8 * Scenarios.Seed().Replica.MaxInFlight).Within(1e-9));
            // Kubernetes' defaults, as ScalingRulesSpec has them: up Percent 100 and Pods 4 per 15 s, Max; down 300 s, Percent 100 per 15 s.
            Assert.That(spec["behavior"]!["scaleUp"]!.ToJsonString(),
                Is.EqualTo("""{"stabilizationWindowSeconds":0,"selectPolicy":"Max","policies":[{"type":"Percent","value":100,"periodSeconds":15},{"type":"Pods","value":4,"periodSeconds":15}]}"""));
            Assert.That(spec["behavior"]!["scaleDown"]!.ToJsonString(),
                Is.EqualTo("""{"stabilizationWindowSeconds":300,"selectPolicy":"Max","policies":[{"type":"Percent","value":100,"periodSeconds":15}]}"""));
        });
    }

    [Test]
    public void AnOfferedLoadHpaIsAnExternalAverageValueWithTheScenariosBehavior()
    {
        ScenarioSpec scenario = OfferedLoad();
        string hpa = HpaManifest.Write(scenario, Reactive);
        Assert.That(ManifestSchemas.Errors(ManifestSchemas.Hpa, hpa), Is.Empty, hpa);
        JsonNode spec = ManifestSchemas.ToJson(hpa)!["spec"]!;
        JsonNode external = spec["metrics"]![0]!["external"]!;
        Assert.Multiple(() =>
        {
            Assert.That(((int)spec["minReplicas"]!, (int)spec["maxReplicas"]!), Is.EqualTo((2, 40)));
            Assert.That((string)external["target"]!["type"]!, Is.EqualTo("AverageValue"));
            Assert.That((string)external["metric"]!["selector"]!["matchLabels"]!["requested_model"]!, Is.EqualTo("kimi-k2"));
            // 1.3 × the replica's rated tok/s.
            Assert.That(double.Parse((string)external["target"]!["averageValue"]!, System.Globalization.CultureInfo.InvariantCulture),
                Is.EqualTo(1.3 * scenario.Replica.Throughput.Value).Within(0.001));
            Assert.That(spec["behavior"]!["scaleDown"]!.ToJsonString(),
                Is.EqualTo("""{"stabilizationWindowSeconds":600,"selectPolicy":"Min","policies":[{"type":"Pods","value":2,"periodSeconds":60},{"type":"Percent","value":10,"periodSeconds":120}]}"""));
        });
    }

    [Test]
    public void AToleranceOtherThanKubernetesDefaultIsWrittenAsAQuantity()
    {
        string hpa = HpaManifest.Write(OfferedLoad("scaling.reactive.tolerance=0.05"), Reactive);
        Assert.Multiple(() =>
        {
            Assert.That(ManifestSchemas.Errors(ManifestSchemas.Hpa, hpa), Is.Empty, hpa);
            Assert.That((string)ManifestSchemas.ToJson(hpa)!["spec"]!["behavior"]!["scaleUp"]!["tolerance"]!, Is.EqualTo("0.05"));
            Assert.That(hpa, Does.Contain("HPAConfigurableTolerance"));
        });
    }

    [Test]
    public void ScalingToZeroIsAValidKedaScaledObjectWithItsCooldownAndPolling([Values("busy_share", "offered_load")] string metric)
    {
        ScenarioSpec scenario = Scenarios.Seed(
            $"scaling.reactive.metric={metric}", "scaling.reactive.min_replicas=0", "scaling.reactive.max_replicas=12",
            "scaling.reactive.cooldown_period_seconds=600", "scaling.reactive.polling_interval_seconds=20");
        IReadOnlyList<(string FileName, string Text)> files = DeployFiles.For(scenario, Reactive);
        Assert.That(files.Select(f => f.FileName), Is.EqualTo(new[] { "litellm-config.yaml", "keda-scaledobject.yaml" }));
        string keda = files[1].Text;
        Assert.That(ManifestSchemas.Errors(ManifestSchemas.ScaledObject, keda), Is.Empty, keda);
        JsonNode spec = ManifestSchemas.ToJson(keda)!["spec"]!;
        Assert.Multiple(() =>
        {
            Assert.That(((int)spec["minReplicaCount"]!, (int)spec["maxReplicaCount"]!), Is.EqualTo((0, 12)));
            Assert.That(((int)spec["cooldownPeriod"]!, (int)spec["pollingInterval"]!), Is.EqualTo((600, 20)));
            Assert.That((int)spec["advanced"]!["horizontalPodAutoscalerConfig"]!["behavior"]!["scaleDown"]!["stabilizationWindowSeconds"]!, Is.EqualTo(300));
            Assert.That(spec["triggers"]!.AsArray(), Has.Count.EqualTo(metric == "busy_share" ? 2 : 1), "busy_share needs a trigger that wakes the fleet at zero");
        });
    }

    /// <summary>A scenario's own max_replicas is deployed as given, whatever the month ran; without one, scaling to zero deploys the month's most.</summary>
    [Test]
    public void TheDeployedCapIsTheScenariosOrTheMonthsMost()
    {
        string hpa = HpaManifest.Write(Scenarios.Seed("scaling.reactive.max_replicas=3"), Reactive);
        string keda = KedaReactiveScaledObject.Write(Scenarios.Seed("scaling.reactive.min_replicas=0"), Reactive with { Replicas = 9 });
        Assert.Multiple(() =>
        {
            Assert.That((int)ManifestSchemas.ToJson(hpa)!["spec"]!["maxReplicas"]!, Is.EqualTo(3));
            Assert.That(hpa, Does.Not.Contain("the most the simulated month ran"));
            Assert.That((int)ManifestSchemas.ToJson(keda)!["spec"]!["maxReplicaCount"]!, Is.EqualTo(9));
            Assert.That(keda, Does.Contain("9 is the most the simulated month ran"));
        });
    }

    [Test]
    public void AScheduleIsAValidKedaScaledObject()
    {
        int[] weekday = [.. Enumerable.Repeat(2, 8), .. Enumerable.Repeat(6, 10), .. Enumerable.Repeat(2, 6)];
        int[] weekend = [.. Enumerable.Repeat(0, 24)];
        IReadOnlyList<(string FileName, string Text)> files =
            DeployFiles.For(Scenarios.Seed(), new DeployChoice("schedule", 6, weekday, weekend, "kimi-k2", "kimi-k2-vllm"));
        Assert.That(files.Select(f => f.FileName), Is.EqualTo(new[] { "litellm-config.yaml", "keda-scaledobject.yaml" }));
        string keda = files[1].Text;
        JsonNode spec = ManifestSchemas.ToJson(keda)!["spec"]!;
        Assert.Multiple(() =>
        {
            Assert.That(ManifestSchemas.Errors(ManifestSchemas.ScaledObject, keda), Is.Empty, keda);
            // The CRD's x-kubernetes-validations rule, which a JSON Schema cannot say: minReplicaCount ≤ maxReplicaCount.
            Assert.That((int)spec["minReplicaCount"]!, Is.LessThanOrEqualTo((int)spec["maxReplicaCount"]!));
            Assert.That((int)spec["cooldownPeriod"]!, Is.EqualTo(0), "at weekends the schedule goes to zero at once");
        });
    }

    [Test]
    public void TheOtherPoliciesGetOnlyTheLiteLlmConfig()
    {
        Assert.That(DeployFiles.For(Scenarios.Seed(), new DeployChoice("static:4", 4, null, null, "kimi-k2", "kimi-k2-vllm")).Select(f => f.FileName),
            Is.EqualTo(new[] { "litellm-config.yaml" }));
    }

    [Test]
    public void TheValidatorsRefuseBrokenManifests()
    {
        string hpa = HpaManifest.Write(Scenarios.Seed(), Reactive);
        string keda = KedaCronScaledObject.Write(Scenarios.Seed(), new DeployChoice("schedule", 3, [.. Enumerable.Repeat(3, 12), .. Enumerable.Repeat(1, 12)], [.. Enumerable.Repeat(1, 24)], "g", "d"));
        Assert.Multiple(() =>
        {
            Assert.That(ManifestSchemas.Errors(ManifestSchemas.Hpa, hpa.Replace("minReplicas: 1", "minReplicas: \"1\"", StringComparison.Ordinal)), Is.Not.Empty, "minReplicas as a string");
            Assert.That(ManifestSchemas.Errors(ManifestSchemas.Hpa, hpa.Replace("maxReplicas:", "maxReplica:", StringComparison.Ordinal)), Is.Not.Empty, "a misspelt key, and maxReplicas missing");
            Assert.That(ManifestSchemas.Errors(ManifestSchemas.Hpa, hpa.Replace("periodSeconds: 15", "periodSeconds: fifteen", StringComparison.Ordinal)), Is.Not.Empty, "a period that is not a number");
            Assert.That(ManifestSchemas.Errors(ManifestSchemas.ScaledObject, keda.Replace("desiredReplicas: \"3\"", "desiredReplicas: 3", StringComparison.Ordinal)), Is.Not.Empty, "trigger metadata must be strings");
            Assert.That(ManifestSchemas.Errors(ManifestSchemas.ScaledObject, keda.Replace("minReplicaCount: 1", "minReplicaCount: -1", StringComparison.Ordinal)), Is.Not.Empty, "minReplicaCount below 0");
            Assert.That(ManifestSchemas.Errors(ManifestSchemas.ScaledObject, keda.Replace("scaleTargetRef:", "scaleTarget:", StringComparison.Ordinal)), Is.Not.Empty, "scaleTargetRef missing");
        });
    }
}
