using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Scaling;

/// <summary>Minute-by-minute replica plans: the schedule.</summary>
public static class Plans
{
    /// <summary>
    /// The schedule: replicas per hour of day for weekdays and weekends, as given, or derived from the
    /// expected traffic by the break-even rule (the cheapest count for the average of that hour over
    /// the horizon's matching days).
    /// </summary>
    public static int[] Schedule(ScheduleSpec? spec, DemandSeries expected, FleetEconomics economics)
    {
        (int[] weekday, int[] weekend) = Levels(spec, expected, economics);
        var plan = new int[expected.Minutes];
        for (int m = 0; m < plan.Length; m++)
        {
            int hour = m / 60;
            plan[m] = (Calendar.IsWeekend(hour) ? weekend : weekday)[Calendar.HourOfDay(hour)];
        }
        return plan;
    }

    /// <summary>The schedule's replicas per hour of day (24 each, hour 0 first) for weekdays and weekends: as given, or derived as <see cref="Schedule"/> derives them.</summary>
    public static (int[] Weekday, int[] Weekend) Levels(ScheduleSpec? spec, DemandSeries expected, FleetEconomics economics) =>
        (spec?.Weekday is { } wd ? [.. wd] : Derive(expected, economics, weekend: false),
         spec?.Weekend is { } we ? [.. we] : Derive(expected, economics, weekend: true));

    private static int[] Derive(DemandSeries expected, FleetEconomics economics, bool weekend)
    {
        var counts = new int[24];
        var average = new double[60];
        var scratch = new double[60];
        int hours = expected.Minutes / 60;
        for (int h = 0; h < 24; h++)
        {
            Array.Clear(average);
            int days = 0;
            for (int hour = h; hour < hours; hour += 24)
            {
                if (Calendar.IsWeekend(hour) != weekend)
                {
                    continue;
                }
                ReadOnlySpan<double> minutes = expected.Rate.Slice(hour * 60, 60);
                for (int i = 0; i < 60; i++)
                {
                    average[i] += minutes[i];
                }
                days++;
            }
            if (days == 0)
            {
                counts[h] = 0;
                continue;
            }
            for (int i = 0; i < 60; i++)
            {
                average[i] /= days;
            }
            counts[h] = economics.BestReplicas(average, 100_000, scratch);
        }
        return counts;
    }
}
