namespace FleetSim.Scenario;

/// <summary>How a rate-limit policy counts the replicas it lets change in one period (HPA's <c>HPAScalingPolicyType</c>).</summary>
public enum ScalingPolicyType
{
    /// <summary>At most <see cref="ScalingPolicySpec.Value"/> replicas per period.</summary>
    Pods,

    /// <summary>At most <see cref="ScalingPolicySpec.Value"/> % of the replicas the period started with.</summary>
    Percent,
}

/// <summary>Which of several policies' limits applies (HPA's <c>selectPolicy</c>).</summary>
public enum SelectPolicy
{
    /// <summary>The policy that allows the largest change (Kubernetes' default).</summary>
    Max,

    /// <summary>The policy that allows the smallest change.</summary>
    Min,

    /// <summary>No change in this direction at all.</summary>
    Disabled,
}

/// <summary>
/// One HPA rate-limit policy: at most <paramref name="Value"/> pods, or percent of the replicas at the
/// start of the period, added (or removed) within any <paramref name="PeriodSeconds"/>.
/// </summary>
/// <param name="Value">Pods, or percent; greater than 0.</param>
/// <param name="PeriodSeconds">1 to 1,800 s, as Kubernetes validates it.</param>
public sealed record ScalingPolicySpec(ScalingPolicyType Type, int Value, int PeriodSeconds);

/// <summary>
/// One direction of HPA v2's <c>behavior</c> (<c>scaleUp</c> or <c>scaleDown</c>): its stabilization
/// window, its rate-limit policies and how they combine, and its tolerance. Defaults are Kubernetes'
/// own (<c>GenerateHPAScaleUpRules</c> / <c>GenerateHPAScaleDownRules</c> in kubernetes
/// <c>pkg/apis/autoscaling/v2/defaults.go</c>, and the controller flags
/// <c>--horizontal-pod-autoscaler-downscale-stabilization</c> = 300 s and
/// <c>--horizontal-pod-autoscaler-tolerance</c> = 0.1).
/// </summary>
/// <param name="StabilizationWindowSeconds">
/// Seconds of past recommendations considered: a scale-up takes the lowest of them, a scale-down the
/// highest (0 to 3,600; up 0, down 300).
/// </param>
/// <param name="Tolerance">
/// No change while the metric's ratio to its target stays within this of 1 on this side (up: ratio ≤
/// 1 + tolerance; down: ratio ≥ 1 − tolerance). Kubernetes 1.33+ <c>behavior.scale{Up,Down}.tolerance</c>; default 0.1.
/// </param>
public sealed record ScalingRulesSpec(int StabilizationWindowSeconds, SelectPolicy Select, IReadOnlyList<ScalingPolicySpec> Policies, double Tolerance)
{
    /// <summary>Kubernetes' scaleUp default: window 0 s; Percent 100 per 15 s and Pods 4 per 15 s; selectPolicy Max.</summary>
    public static ScalingRulesSpec ScaleUpDefault { get; } = new(
        0, SelectPolicy.Max, [new(ScalingPolicyType.Percent, 100, 15), new(ScalingPolicyType.Pods, 4, 15)], 0.1);

    /// <summary>Kubernetes' scaleDown default: window 300 s; Percent 100 per 15 s; selectPolicy Max.</summary>
    public static ScalingRulesSpec ScaleDownDefault { get; } = new(
        300, SelectPolicy.Max, [new(ScalingPolicyType.Percent, 100, 15)], 0.1);

    /// <summary>The longest policy period, in seconds: how far back scale events matter (0 with no policy).</summary>
    public int LongestPeriodSeconds => Policies.Count == 0 ? 0 : Policies.Max(p => p.PeriodSeconds);
}
