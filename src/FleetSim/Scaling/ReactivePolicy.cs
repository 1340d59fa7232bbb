using FleetSim.Scenario;

namespace FleetSim.Scaling;

/// <summary>
/// Kubernetes' HorizontalPodAutoscaler (autoscaling/v2) on one metric, every
/// <see cref="ReactiveSpec.SyncPeriodSeconds"/> (15 s): the metric's replica count
/// (<see cref="HpaReplicaCalculator"/>), then the <c>behavior</c>'s stabilization and rate limits
/// (<see cref="HpaBehavior"/>), within min and max replicas; with min_replicas 0, KEDA's move to and
/// from zero (<see cref="KedaScaleToZero"/>). The metric is averaged over the whole minutes of
/// <see cref="ReactiveSpec.MetricWindowSeconds"/> before the decision, so the four syncs of a minute
/// see the same value (the engine resolves minutes). See docs/autoscalers/reactive-hpa.md.
/// </summary>
public sealed class ReactivePolicy(ReactiveSpec spec) : IScalingPolicy
{
    private readonly HpaBehavior _behavior = new(spec.ScaleUp, spec.ScaleDown);
    private readonly KedaScaleToZero? _keda = spec.ScalesToZero ? new KedaScaleToZero(spec.CooldownPeriodSeconds, spec.PollingIntervalSeconds) : null;
    private readonly int _windowMinutes = Math.Max(1, spec.MetricWindowSeconds / 60);
    private long _lastNow = long.MinValue;
    // Set when the last decision held the scale on a recommendation equal to it: until the next minute of
    // data (or a change of the serving fleet) every decision would repeat it, so the engine may skip them.
    private int? _held;

    // The metric window ending at _metricMinute, read once per minute however many syncs it has.
    private int _metricMinute = -1, _servingLast;
    private double _demand, _busy;
    private bool _hasBusy;

    public string Name => "reactive";

    public double IntervalMinutes => spec.SyncPeriodSeconds / 60.0;

    public int DesiredReplicas(ScalingContext context)
    {
        long now = (long)Math.Round(context.Time * 60);
        if (now < _lastNow)
        {
            // The clock went back: a new run with this policy, so its history starts over.
            _behavior.Reset();
            _keda?.Reset();
            _metricMinute = -1;
            _held = null;
        }
        else if (_held is { } held && now - _lastNow > spec.SyncPeriodSeconds)
        {
            // The decisions skipped since the last would each have recorded the same recommendation: the latest stands for them all.
            _behavior.Remember(now - spec.SyncPeriodSeconds, held);
        }
        _held = null;
        _lastNow = now;
        ReadMetric(context);
        int current = context.DesiredReplicas;
        int hpaMin = Math.Max(1, spec.MinReplicas);
        if (now == 0 && current == 0)
        {
            return Initial(context, hpaMin);
        }
        if (_keda is not null)
        {
            current = _keda.Poll(now, current, _demand > 0);
            if (current == 0)
            {
                return 0; // KEDA holds the scale at zero; the HPA is disabled at zero replicas
            }
        }
        if (current > spec.MaxReplicas || current < hpaMin)
        {
            int bounded = Math.Clamp(current, hpaMin, spec.MaxReplicas);
            _behavior.Record(now, current, bounded);
            return bounded;
        }
        int recommended;
        double perReplica = context.Economics.Replica.Throughput.Value;
        double toleranceUp = spec.ScaleUp.Tolerance, toleranceDown = spec.ScaleDown.Tolerance;
        if (spec.Metric == ReactiveMetric.BusyShare)
        {
            if (!_hasBusy)
            {
                return current; // no pod reports the metric: the HPA cannot compute and leaves the scale alone
            }
            int serving = context.ServingReplicas;
            int withMetric = Math.Min(_servingLast, serving);
            if (withMetric == 0)
            {
                return current;
            }
            recommended = HpaReplicaCalculator.PodsMetric(
                current, withMetric, _busy * withMetric, serving - withMetric, Math.Max(0, current - serving), spec.TargetUtilization,
                toleranceUp, toleranceDown);
        }
        else
        {
            recommended = HpaReplicaCalculator.ExternalPerPod(current, _demand, spec.TargetUtilization * perReplica, toleranceUp, toleranceDown);
        }
        int desired = _behavior.Normalize(now, current, recommended, hpaMin, spec.MaxReplicas);
        if (desired == current && _keda is null)
        {
            // Until the next minute of data the metric recommends the same, so the scale holds as long as the windows hold it.
            long until = _behavior.HeldUntil(now, current, recommended, hpaMin, spec.MaxReplicas);
            if (until > now)
            {
                _held = recommended;
                context.SameAnswerUntil = Math.Min(context.Minute + 1, until / 60.0);
            }
        }
        return desired;
    }

    /// <summary>
    /// The fleet at the start of the horizon, which has been running before it: the count whose offered
    /// load per replica is the target for the first minute's demand (none, with scale to zero and no demand).
    /// </summary>
    private int Initial(ScalingContext context, int hpaMin)
    {
        if (_keda is not null)
        {
            _keda.Poll(0, 1, _demand > 0);
            if (_demand <= 0)
            {
                return 0;
            }
        }
        double perReplica = context.Economics.Replica.Throughput.Value * spec.TargetUtilization;
        int steady = HpaReplicaCalculator.ExternalPerPod(0, _demand, perReplica, 0, 0);
        return Math.Clamp(steady, hpaMin, spec.MaxReplicas);
    }

    /// <summary>Averages the metric window before the context's minute, once per minute. At minute 0 the minute before looks like the first.</summary>
    private void ReadMetric(ScalingContext context)
    {
        int minute = context.Minute;
        if (minute == _metricMinute)
        {
            return;
        }
        _metricMinute = minute;
        if (minute == 0)
        {
            _demand = context.LastMinuteDemand;
            _hasBusy = false;
            return;
        }
        int from = Math.Max(0, minute - _windowMinutes);
        if (_windowMinutes == 1)
        {
            _demand = context.LastMinuteDemand;
        }
        else
        {
            ReadOnlySpan<double> demand = context.PastDemand[from..];
            double sum = 0;
            foreach (double d in demand)
            {
                sum += d;
            }
            _demand = sum / demand.Length;
        }
        if (spec.Metric != ReactiveMetric.BusyShare)
        {
            return;
        }
        ReadOnlySpan<int> serving = context.PastServing[from..];
        ReadOnlySpan<double> served = context.PastServed[from..];
        double servedSum = 0, replicaMinutes = 0;
        for (int i = 0; i < served.Length; i++)
        {
            servedSum += served[i];
            replicaMinutes += serving[i];
        }
        _servingLast = serving[^1];
        _hasBusy = replicaMinutes > 0;
        _busy = _hasBusy ? Math.Min(1, servedSum / (replicaMinutes * context.Economics.Replica.Throughput.Value)) : 0;
    }
}
