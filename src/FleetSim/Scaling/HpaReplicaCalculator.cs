namespace FleetSim.Scaling;

/// <summary>
/// The HPA's metric step, before stabilization and rate limits: how many replicas one metric asks for.
/// Follows kubernetes <c>pkg/controller/podautoscaler/replica_calculator.go</c>: <see cref="PodsMetric"/>
/// is <c>calcPlainMetricReplicas</c> (a per-pod metric such as GPU busy share), <see cref="ExternalPerPod"/>
/// is <c>GetExternalPerPodMetricReplicas</c> (an external metric with an AverageValue target, such as
/// a router's offered load). Tolerances are <c>Tolerances.isWithin</c>: no change while
/// 1 − <paramref name="toleranceDown"/> ≤ ratio ≤ 1 + <paramref name="toleranceUp"/>.
/// </summary>
public static class HpaReplicaCalculator
{
    /// <summary>
    /// A per-pod metric (e.g. each replica's busy share) against a per-pod <paramref name="target"/>.
    /// Pods with a metric give the average; pods that are ready but have no metric yet
    /// (<paramref name="missing"/>) count as using the target on a scale-down and nothing on a scale-up;
    /// pending pods (<paramref name="unready"/>: asked for, node still booting) count as using nothing on a
    /// scale-up and are left out otherwise. No change when that correction lands within the tolerance or
    /// turns the direction round. With no pod reporting, the HPA cannot compute and keeps <paramref name="current"/>.
    /// </summary>
    /// <param name="current">The scale's replicas (<c>spec.replicas</c>): what was last asked for.</param>
    /// <param name="withMetric">Ready pods that report the metric.</param>
    /// <param name="usageSum">Their metric values summed (busy shares, each 0 to 1).</param>
    public static int PodsMetric(int current, int withMetric, double usageSum, int missing, int unready, double target,
                                 double toleranceUp, double toleranceDown)
    {
        if (withMetric <= 0)
        {
            return current;
        }
        double usageRatio = usageSum / withMetric / target;
        bool scaleUpWithUnready = unready > 0 && usageRatio > 1.0;
        if (!scaleUpWithUnready && missing == 0)
        {
            return IsWithin(usageRatio, toleranceUp, toleranceDown) ? current : Ceiling(usageRatio * withMetric);
        }
        double sum = usageSum;
        int pods = withMetric;
        if (missing > 0)
        {
            if (usageRatio < 1.0)
            {
                sum += missing * target;
                pods += missing;
            }
            else if (usageRatio > 1.0)
            {
                pods += missing;
            }
        }
        if (scaleUpWithUnready)
        {
            pods += unready;
        }
        double newRatio = sum / pods / target;
        if (IsWithin(newRatio, toleranceUp, toleranceDown) || (usageRatio < 1.0 && newRatio > 1.0) || (usageRatio > 1.0 && newRatio < 1.0))
        {
            return current;
        }
        int replicas = Ceiling(newRatio * pods);
        if ((newRatio < 1.0 && replicas > current) || (newRatio > 1.0 && replicas < current))
        {
            return current;
        }
        return replicas;
    }

    /// <summary>
    /// An external metric <paramref name="usage"/> (e.g. offered tok/s at the router) against a target per
    /// pod (<paramref name="targetPerPod"/>, same units): the ratio is taken over the scale's
    /// <paramref name="statusReplicas"/>, the answer is ceil(usage / target per pod) whatever pods are ready.
    /// </summary>
    public static int ExternalPerPod(int statusReplicas, double usage, double targetPerPod, double toleranceUp, double toleranceDown)
    {
        double ratio = usage / (targetPerPod * statusReplicas);
        if (statusReplicas > 0 && IsWithin(ratio, toleranceUp, toleranceDown))
        {
            return statusReplicas;
        }
        double replicas = Math.Ceiling(usage / targetPerPod - 1e-9);
        return replicas >= int.MaxValue ? int.MaxValue : (int)Math.Max(0, replicas);
    }

    /// <summary>Kubernetes' <c>Tolerances.isWithin</c>: 1 − down ≤ ratio ≤ 1 + up.</summary>
    public static bool IsWithin(double ratio, double toleranceUp, double toleranceDown) =>
        1.0 - toleranceDown <= ratio && ratio <= 1.0 + toleranceUp;

    // A hair below the whole number: a ratio of 1.2 at 10 pods is 12, not 13 from 12.000000000000002.
    private static int Ceiling(double replicas) =>
        replicas >= int.MaxValue ? int.MaxValue : (int)Math.Ceiling(replicas - 1e-9);
}
