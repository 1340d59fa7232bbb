using FleetSim.Scenario;

namespace FleetSim.Scaling;

/// <summary>
/// Kubernetes HPA's rule: desired = ceil(serving × utilization / target), left alone while
/// utilization/target is within the tolerance of 1. The utilization is the router's: demand offered
/// to the fleet over its serving capacity, spilled requests included. (The replicas' own busy share
/// saturates below 1 in a loss system, so an HPA on it cannot see how far demand is above capacity.) Recommendations are stabilized
/// as HPA does: a scale-up takes the lowest recommendation of the scale-up window, a scale-down the
/// highest of the scale-down window. Bounded by min and max replicas.
/// </summary>
public sealed class ReactivePolicy(ReactiveSpec spec) : IScalingPolicy
{
    // The recommendations inside the longer stabilization window, oldest first, in a ring: a reactive
    // month makes 43,800 of them, so none is allocated or shifted.
    private readonly (int Minute, int Replicas)[] _recommendations =
        new (int, int)[(int)Math.Ceiling(Math.Max(spec.ScaleUpWindowMinutes, spec.ScaleDownWindowMinutes) / Math.Max(1, Math.Round(spec.IntervalMinutes))) + 2];
    private readonly double _window = Math.Max(spec.ScaleUpWindowMinutes, spec.ScaleDownWindowMinutes);
    private int _oldest, _count;

    public string Name => "reactive";

    public int IntervalMinutes { get; } = (int)Math.Max(1, Math.Round(spec.IntervalMinutes));

    public int DesiredReplicas(ScalingContext context)
    {
        int current = context.DesiredReplicas;
        int recommended = current;
        {
            int serving = context.Minute > 0 ? context.PastServing[^1] : 0;
            double ratio = context.LastMinuteOfferedLoad / spec.TargetUtilization;
            if (serving == 0)
            {
                double perReplica = context.Economics.Replica.Throughput.Value * spec.TargetUtilization;
                recommended = (int)Math.Ceiling(context.LastMinuteDemand / perReplica - 1e-9);
            }
            else if (Math.Abs(ratio - 1) > spec.Tolerance)
            {
                recommended = (int)Math.Ceiling(serving * ratio - 1e-9);
            }
        }
        recommended = Math.Clamp(recommended, spec.MinReplicas, spec.MaxReplicas);
        if (_count > 0 && context.Minute < _recommendations[Wrap(_oldest + _count - 1)].Minute)
        {
            _count = 0; // the clock went back: a new run with this policy, so its history starts over
        }
        while (_count > 0 && (_recommendations[_oldest].Minute < context.Minute - _window || _count == _recommendations.Length))
        {
            _oldest = Wrap(_oldest + 1);
            _count--;
        }
        _recommendations[Wrap(_oldest + _count)] = (context.Minute, recommended);
        _count++;

        if (recommended > current)
        {
            int lowest = Lowest(context.Minute - spec.ScaleUpWindowMinutes);
            return Math.Max(current, lowest);
        }
        if (recommended < current)
        {
            int highest = Highest(context.Minute - spec.ScaleDownWindowMinutes);
            return Math.Min(current, highest);
        }
        return current;
    }

    private int Wrap(int index) => index >= _recommendations.Length ? index - _recommendations.Length : index;

    private int Lowest(double since)
    {
        int lowest = int.MaxValue;
        for (int i = 0; i < _count; i++)
        {
            var (minute, replicas) = _recommendations[Wrap(_oldest + i)];
            if (minute >= since)
            {
                lowest = Math.Min(lowest, replicas);
            }
        }
        return lowest;
    }

    private int Highest(double since)
    {
        int highest = int.MinValue;
        for (int i = 0; i < _count; i++)
        {
            var (minute, replicas) = _recommendations[Wrap(_oldest + i)];
            if (minute >= since)
            {
                highest = Math.Max(highest, replicas);
            }
        }
        return highest;
    }
}
