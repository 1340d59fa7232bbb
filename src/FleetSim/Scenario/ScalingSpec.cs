namespace FleetSim.Scenario;

/// <summary>How the fleet may change over the horizon, and which policies `fleetsim compare` runs.</summary>
/// <param name="Policies">Policy names compared by default (<see cref="Scaling.PolicyFactory.Names"/>, static:N).</param>
/// <param name="ProvisioningMinutes">From asking for a node to its replicas serving: node start plus loading the weights.</param>
/// <param name="DrainMinutes">
/// A scaled-down replica takes no new requests and its node is empty this long after (its requests
/// finish: the pod's graceful termination); the empty node is then released as the cluster autoscaler
/// would (<see cref="ScaleDownUnneededMinutes"/>, <see cref="ScaleDownDelayAfterAddMinutes"/>).
/// </param>
/// <param name="MaxNodes">Nodes obtainable at once, reserved included (a stockout cap); null: no cap.</param>
public sealed record ScalingSpec(
    IReadOnlyList<string> Policies,
    double ProvisioningMinutes,
    double DrainMinutes,
    int? MaxNodes,
    ReactiveSpec Reactive,
    ScheduleSpec? Schedule,
    PredictiveSpec Predictive,
    FailureSpec? Failures)
{
    /// <summary>Every policy but static, which only restates the scenario's fleet: what compare runs by default.</summary>
    public static IReadOnlyList<string> AllPolicies { get; } = [.. Scaling.PolicyFactory.Names.Where(n => n != "static")];

    public static ScalingSpec Default { get; } = new(
        AllPolicies, 15, 1, null, ReactiveSpec.Default, null, new PredictiveSpec(ForecastMethod.SeasonalNaive), null);

    /// <summary>
    /// Minutes an empty node (no replica wanted on it) stays before it is released: cluster-autoscaler's
    /// <c>--scale-down-unneeded-time</c>, default 10 min (kubernetes/autoscaler <c>cluster-autoscaler/FAQ.md</c>).
    /// </summary>
    public double ScaleDownUnneededMinutes { get; init; } = 10;

    /// <summary>
    /// Minutes after the fleet last asked for a node during which no node is released: cluster-autoscaler's
    /// <c>--scale-down-delay-after-add</c>, default 10 min (kubernetes/autoscaler <c>cluster-autoscaler/FAQ.md</c>).
    /// </summary>
    public double ScaleDownDelayAfterAddMinutes { get; init; } = 10;
}

/// <summary>Replicas per hour of day, for weekdays and weekends; null levels are derived from the traffic by the break-even rule.</summary>
public sealed record ScheduleSpec(IReadOnlyList<int>? Weekday, IReadOnlyList<int>? Weekend);

public enum ForecastMethod
{
    /// <summary>Each coming hour looks like the same hour a day earlier.</summary>
    SeasonalNaive,

    /// <summary>Additive Holt-Winters with a 24-hour season.</summary>
    HoltWinters,
}

public sealed record PredictiveSpec(ForecastMethod Method);

/// <summary>Replica failures: exponential times between failures and to repair.</summary>
public sealed record FailureSpec(double MtbfHours, double MttrHours);
