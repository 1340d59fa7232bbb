namespace FleetSim.Tests.Scaling;

/// <summary>
/// A second, deliberately plain reading of kubernetes <c>pkg/controller/podautoscaler/horizontal.go</c>
/// (stabilizeRecommendationWithBehaviors, convertDesiredReplicasWithBehaviorRate,
/// calculateScaleUpLimitWithScalingRules, calculateScaleDownLimitWithBehaviors,
/// getReplicasChangePerPeriod, storeScaleEvent), written from the Go source for the tests and sharing
/// no code with FleetSim: every recommendation and event is kept in a list and scanned.
/// </summary>
internal sealed class ReferenceHpa(ReferenceHpa.Rules up, ReferenceHpa.Rules down, int min, int max)
{
    public sealed record Policy(bool Pods, int Value, int Period);

    /// <summary>Select: "Max", "Min" or "Disabled".</summary>
    public sealed record Rules(int Window, string Select, Policy[] Policies);

    private readonly List<(long T, int R)> _recommendations = [];
    private readonly List<(long T, int Change)> _ups = [], _downs = [];

    public int Decide(long now, int current, int recommended)
    {
        int upRec = recommended, downRec = recommended;
        foreach (var (t, r) in _recommendations)
        {
            if (t > now - up.Window)
            {
                upRec = Math.Min(upRec, r);
            }
            if (t > now - down.Window)
            {
                downRec = Math.Max(downRec, r);
            }
        }
        _recommendations.Add((now, recommended));
        int stabilized = current;
        if (stabilized < upRec)
        {
            stabilized = upRec;
        }
        if (stabilized > downRec)
        {
            stabilized = downRec;
        }
        int desired = stabilized;
        if (stabilized > current)
        {
            int limit = UpLimit(now, current);
            if (limit < current)
            {
                limit = current;
            }
            int allowed = Math.Min(max, limit);
            desired = stabilized > allowed ? allowed : stabilized;
        }
        else if (stabilized < current)
        {
            int limit = DownLimit(now, current);
            if (limit > current)
            {
                limit = current;
            }
            int allowed = Math.Max(min, limit);
            desired = stabilized < allowed ? allowed : stabilized;
        }
        if (desired > current)
        {
            _ups.Add((now, desired - current));
        }
        else if (desired < current)
        {
            _downs.Add((now, current - desired));
        }
        return desired;
    }

    private int Changed(List<(long T, int Change)> events, long now, int period) =>
        events.Where(e => e.T > now - period).Sum(e => e.Change);

    private int UpLimit(long now, int current)
    {
        if (up.Select == "Disabled")
        {
            return current;
        }
        int result = up.Select == "Min" ? int.MaxValue : int.MinValue;
        foreach (Policy p in up.Policies)
        {
            int start = current - Changed(_ups, now, p.Period) + Changed(_downs, now, p.Period);
            int proposed = p.Pods ? start + p.Value : (int)Math.Ceiling(start * (1 + p.Value / 100.0));
            result = up.Select == "Min" ? Math.Min(result, proposed) : Math.Max(result, proposed);
        }
        return result;
    }

    private int DownLimit(long now, int current)
    {
        if (down.Select == "Disabled")
        {
            return current;
        }
        int result = down.Select == "Min" ? int.MinValue : int.MaxValue;
        foreach (Policy p in down.Policies)
        {
            int start = current - Changed(_ups, now, p.Period) + Changed(_downs, now, p.Period);
            int proposed = p.Pods ? start - p.Value : (int)(start * (1 - p.Value / 100.0));
            result = down.Select == "Min" ? Math.Max(result, proposed) : Math.Min(result, proposed);
        }
        return result;
    }
}
