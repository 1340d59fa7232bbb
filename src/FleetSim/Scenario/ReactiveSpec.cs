namespace FleetSim.Scenario;

/// <summary>What the reactive policy's target refers to.</summary>
public enum ReactiveMetric
{
    /// <summary>
    /// The replicas' own busy share: served tok/s over the serving replicas' rated tok/s, averaged over
    /// them (what an HPA on GPU utilization or in-flight requests per pod sees). It cannot exceed 1, so it
    /// cannot tell how far demand runs above capacity; the default, as a copied HPA would have it.
    /// </summary>
    BusyShare,

    /// <summary>
    /// Demand offered to the router (spilled requests included) per replica, over a replica's rated
    /// tok/s: an external metric with an AverageValue target, as a router's request-rate metric gives. Can exceed 1.
    /// </summary>
    OfferedLoad,
}

/// <summary>
/// Kubernetes' HorizontalPodAutoscaler (autoscaling/v2) on one metric, with KEDA's scale to zero
/// when <see cref="MinReplicas"/> is 0. Every default is the real tool's own, named on its property.
/// </summary>
/// <param name="Metric">What <paramref name="TargetUtilization"/> is a target for; default busy share.</param>
/// <param name="TargetUtilization">The metric's target per replica (a share of a replica's rated tok/s); default 0.8.</param>
/// <param name="ScaleUp">HPA <c>behavior.scaleUp</c>.</param>
/// <param name="ScaleDown">HPA <c>behavior.scaleDown</c>.</param>
/// <param name="SyncPeriodSeconds">
/// Seconds between decisions: kube-controller-manager's <c>--horizontal-pod-autoscaler-sync-period</c>, default 15 s.
/// </param>
/// <param name="MetricWindowSeconds">
/// Seconds the metric is averaged over, in whole minutes (the engine's resolution): default 60 s, about a
/// Prometheus adapter's <c>rate(...[1m])</c>.
/// </param>
/// <param name="MinReplicas">HPA <c>minReplicas</c> (default 1); 0 turns on KEDA's scale to zero.</param>
/// <param name="MaxReplicas">HPA <c>maxReplicas</c>.</param>
/// <param name="CooldownPeriodSeconds">
/// With <paramref name="MinReplicas"/> 0: seconds without demand before the last replica goes (KEDA <c>cooldownPeriod</c>, default 300 s).
/// </param>
/// <param name="PollingIntervalSeconds">
/// With <paramref name="MinReplicas"/> 0: seconds between KEDA's checks for demand (KEDA <c>pollingInterval</c>, default 30 s).
/// </param>
public sealed record ReactiveSpec(
    ReactiveMetric Metric,
    double TargetUtilization,
    ScalingRulesSpec ScaleUp,
    ScalingRulesSpec ScaleDown,
    int SyncPeriodSeconds,
    int MetricWindowSeconds,
    int MinReplicas,
    int MaxReplicas,
    int CooldownPeriodSeconds,
    int PollingIntervalSeconds)
{
    /// <summary>
    /// HPA defaults (sync 15 s, tolerance 0.1, behavior as <see cref="ScalingRulesSpec.ScaleUpDefault"/> and
    /// <see cref="ScalingRulesSpec.ScaleDownDefault"/>, minReplicas 1), on the replicas' busy share at 0.8,
    /// KEDA's cooldown 300 s and polling 30 s.
    /// </summary>
    public static ReactiveSpec Default { get; } = new(
        ReactiveMetric.BusyShare, 0.8, ScalingRulesSpec.ScaleUpDefault, ScalingRulesSpec.ScaleDownDefault, 15, 60, 1, 100_000, 300, 30);

    /// <summary>True when the fleet may go to zero replicas and come back on demand (KEDA).</summary>
    public bool ScalesToZero => MinReplicas == 0;

    /// <summary>How scenarios spell <paramref name="metric"/>.</summary>
    public static string Name(ReactiveMetric metric) => metric == ReactiveMetric.BusyShare ? "busy_share" : "offered_load";
}
