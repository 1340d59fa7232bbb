namespace FleetSim.Reporting.Deploy;

/// <summary>
/// One KEDA cron trigger: <see cref="Replicas"/> from <see cref="StartMinuteOfDay"/> on each of
/// <see cref="StartDays"/> for <see cref="DurationMinutes"/>. Days count from Monday = 0, as FleetSim's
/// hours do (the horizon starts on a Monday at 00:00).
/// </summary>
/// <param name="Replicas">desiredReplicas: 1 or more (KEDA refuses 0).</param>
/// <param name="StartMinuteOfDay">0 to 1,439.</param>
/// <param name="DurationMinutes">How long it is active from each start, under a week.</param>
/// <param name="StartDays">The days it starts on, Monday 0 to Sunday 6.</param>
public sealed record CronTrigger(int Replicas, int StartMinuteOfDay, int DurationMinutes, IReadOnlyList<int> StartDays)
{
    /// <summary>The start as a Linux cron expression (minute hour day-of-month month day-of-week; Sunday = 0).</summary>
    public string Start => Cron(StartMinuteOfDay, StartDays);

    /// <summary>The end as a Linux cron expression: the start plus the duration, which may fall on a later day.</summary>
    public string End
    {
        get
        {
            int end = StartMinuteOfDay + DurationMinutes;
            return Cron(end % ScheduleTriggers.MinutesPerDay, [.. StartDays.Select(d => (d + end / ScheduleTriggers.MinutesPerDay) % 7)]);
        }
    }

    private static string Cron(int minuteOfDay, IEnumerable<int> days) =>
        $"{minuteOfDay % 60} {minuteOfDay / 60} * * {CronDays(days)}";

    /// <summary>FleetSim days (Monday 0) as a cron day-of-week list (Sunday 0), consecutive days as ranges: "1-5", "0,6".</summary>
    private static string CronDays(IEnumerable<int> days)
    {
        int[] cron = [.. days.Select(d => (d + 1) % 7).Distinct().Order()];
        var parts = new List<string>();
        for (int i = 0; i < cron.Length;)
        {
            int j = i;
            while (j + 1 < cron.Length && cron[j + 1] == cron[j] + 1)
            {
                j++;
            }
            parts.Add(j == i ? $"{cron[i]}" : j == i + 1 ? $"{cron[i]},{cron[j]}" : $"{cron[i]}-{cron[j]}");
            i = j + 1;
        }
        return string.Join(",", parts);
    }
}

/// <summary>
/// A weekly schedule (replicas per hour of day, weekdays and weekends) as KEDA cron triggers. KEDA runs
/// the largest desiredReplicas among the active triggers, and minReplicaCount when none is active, so
/// each stretch of consecutive hours at one count above the lowest becomes one trigger at that count,
/// starting <c>lead</c> minutes early; stretches of one count that the lead makes overlap are merged,
/// and identical stretches on several days share one trigger. At every minute the triggers then ask for
/// the largest count of the coming lead minutes, as FleetSim's schedule does (<see cref="Scaling.PlannedPolicy"/>).
/// </summary>
/// <param name="MinReplicas">The lowest count asked for at any minute: KEDA's minReplicaCount.</param>
/// <param name="MaxReplicas">The highest: KEDA's maxReplicaCount.</param>
/// <param name="Triggers">The cron triggers; empty when the count never changes.</param>
public sealed record ScheduleTriggers(int MinReplicas, int MaxReplicas, IReadOnlyList<CronTrigger> Triggers)
{
    /// <summary>Minutes in a day: the range of a trigger's start minute.</summary>
    public const int MinutesPerDay = 1440;
    private const int MinutesPerWeek = 7 * MinutesPerDay;

    /// <summary>The triggers for <paramref name="weekday"/> (Monday to Friday) and <paramref name="weekend"/> levels, each starting <paramref name="leadMinutes"/> early.</summary>
    /// <param name="weekday">24 replica counts, hour 0 first.</param>
    /// <param name="weekend">24 replica counts for Saturday and Sunday.</param>
    /// <param name="leadMinutes">Minutes a count is asked for before its hour: the node provisioning time, 0 to 1,439.</param>
    /// <exception cref="ArgumentException">A list is not 24 counts, a count is negative, or the lead is out of range.</exception>
    public static ScheduleTriggers For(IReadOnlyList<int> weekday, IReadOnlyList<int> weekend, int leadMinutes)
    {
        if (weekday.Count != 24 || weekend.Count != 24)
        {
            throw new ArgumentException($"a schedule has 24 counts for weekdays and 24 for weekends, not {weekday.Count} and {weekend.Count}");
        }
        if (weekday.Concat(weekend).Any(n => n < 0))
        {
            throw new ArgumentException("a schedule's replica counts are 0 or more");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(leadMinutes);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(leadMinutes, MinutesPerDay);

        int[] week = [.. Enumerable.Range(0, 168).Select(h => (h / 24 >= 5 ? weekend : weekday)[h % 24])];
        int lowest = week.Min();
        int max = week.Max();
        if (lowest == max)
        {
            return new ScheduleTriggers(lowest, max, []);
        }

        // Maximal stretches of one count over the cyclic week, as [start, end) in minutes, the start moved lead minutes earlier.
        int first = Enumerable.Range(0, 168).First(h => week[h] != week[(h + 167) % 168]);
        var stretches = new List<(int Level, int Start, int Duration)>();
        for (int k = 0; k < 168;)
        {
            int h = (first + k) % 168, length = 1;
            while (k + length < 168 && week[(first + k + length) % 168] == week[h])
            {
                length++;
            }
            if (week[h] > lowest)
            {
                stretches.Add((week[h], Mod(h * 60 - leadMinutes), length * 60 + leadMinutes));
            }
            k += length;
        }

        var merged = new List<(int Level, int Start, int Duration)>();
        foreach (var level in stretches.GroupBy(s => s.Level))
        {
            merged.AddRange(Merge(level.Key, [.. level.Select(s => (s.Start, s.Duration))]));
        }
        // A count asked for all week long (the lead closes every gap) is the floor, not a trigger.
        int floor = Math.Max(lowest, merged.Where(m => m.Duration >= MinutesPerWeek).Select(m => m.Level).DefaultIfEmpty(lowest).Max());
        var triggers = merged
            .Where(m => m.Level > floor)
            .GroupBy(m => (m.Level, MinuteOfDay: m.Start % MinutesPerDay, m.Duration))
            .Select(g => new CronTrigger(g.Key.Level, g.Key.MinuteOfDay, g.Key.Duration, [.. g.Select(m => m.Start / MinutesPerDay).Order()]))
            .OrderBy(t => t.StartDays[0]).ThenBy(t => t.StartMinuteOfDay).ThenBy(t => t.Replicas)
            .ToList();
        return new ScheduleTriggers(floor, max, triggers);
    }

    private static int Mod(int minute) => ((minute % MinutesPerWeek) + MinutesPerWeek) % MinutesPerWeek;

    /// <summary>Merges the cyclic intervals that overlap or touch, so the starts and ends of one trigger alternate.</summary>
    private static IEnumerable<(int Level, int Start, int Duration)> Merge(int level, List<(int Start, int Duration)> spans)
    {
        spans.Sort();
        bool changed = true;
        while (changed && spans.Count > 1)
        {
            changed = false;
            for (int i = 0; i < spans.Count && !changed; i++)
            {
                var a = spans[i];
                var b = spans[(i + 1) % spans.Count];
                int gap = Mod(b.Start - a.Start);
                if (gap <= a.Duration)
                {
                    int duration = Math.Max(a.Duration, gap + b.Duration);
                    spans[i] = (a.Start, Math.Min(duration, MinutesPerWeek));
                    spans.RemoveAt((i + 1) % spans.Count);
                    changed = true;
                }
            }
        }
        return spans.Select(s => (level, s.Start, Math.Min(s.Duration, MinutesPerWeek)));
    }
}
