using FleetSim.Engine;
using FleetSim.Scenario;

namespace FleetSim.Runs;

/// <summary>
/// Why a reactive fleet ran below demand, named by its cause: scale-up disabled, max_replicas reached,
/// or (below max_replicas) the busy-share metric, which cannot exceed 1, so a target it cannot pass only
/// shrinks the fleet and demand above the serving capacity is invisible to it.
/// </summary>
public static class ReactiveMetricWarnings
{
    /// <summary>Share of minutes with demand above the serving capacity beyond which a busy-share HPA is said to be blind to it.</summary>
    public const double BlindMinuteShare = 0.05;

    /// <summary>What to say about <paramref name="run"/>, the reactive policy's run of <paramref name="scenario"/>.</summary>
    public static IEnumerable<string> For(ScenarioSpec scenario, PolicyRun run)
    {
        ReactiveSpec spec = scenario.Scaling.Reactive;
        int blind = 0, capped = 0;
        ReadOnlySpan<double> demand = run.Demand.Rate;
        for (int m = 0; m < demand.Length; m++)
        {
            if (demand[m] > run.Serving[m] * run.ReplicaThroughput)
            {
                // At max_replicas no metric could have grown the fleet; below it, the metric decides.
                capped += run.Serving[m] >= spec.MaxReplicas ? 1 : 0;
                blind += run.Serving[m] < spec.MaxReplicas ? 1 : 0;
            }
        }
        double minutes = Math.Max(1, demand.Length);
        if (spec.ScaleUp.Select == SelectPolicy.Disabled)
        {
            if ((blind + capped) / minutes > BlindMinuteShare)
            {
                yield return $"scaling.reactive: scale_up.select_policy is Disabled, so the fleet never grows: demand ran above the serving replicas' capacity " +
                             $"in {(blind + capped) / minutes:P0} of minutes and the router sent the rest to the API";
            }
            yield break;
        }
        if (capped / minutes > BlindMinuteShare)
        {
            yield return $"scaling.reactive: max_replicas {spec.MaxReplicas} held the fleet below demand in {capped / minutes:P0} of minutes " +
                         "(the router sent the rest to the API)";
        }
        if (spec.Metric != ReactiveMetric.BusyShare)
        {
            yield break;
        }
        double threshold = spec.TargetUtilization * (1 + spec.ScaleUp.Tolerance);
        if (threshold >= 1)
        {
            yield return $"scaling.reactive: metric busy_share never exceeds 1, so target {spec.TargetUtilization:G} with scale-up tolerance " +
                         $"{spec.ScaleUp.Tolerance:G} never asks for more replicas and the fleet only shrinks toward min_replicas; a target above " +
                         "about 0.9 belongs to metric: offered_load (the router's demand per replica, which can exceed 1)";
            yield break;
        }
        double share = blind / minutes;
        if (share > BlindMinuteShare)
        {
            yield return $"scaling.reactive: demand ran above the serving replicas' capacity in {share:P0} of minutes below max_replicas, which metric busy_share " +
                         "cannot see (it saturates at 1 while the router sends the rest to the API): " +
                         $"each sync grows the fleet by at most ×{1 / spec.TargetUtilization:0.##}; metric: offered_load sees the whole demand";
        }
    }
}
