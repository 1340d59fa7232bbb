using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Scaling;

/// <summary>Minute-by-minute replica plans for the schedule and the oracle.</summary>
public static class Plans
{
    /// <summary>
    /// The schedule: replicas per hour of day for weekdays and weekends, as given, or derived from the
    /// expected traffic by the break-even rule (the cheapest count for the average of that hour over
    /// the horizon's matching days).
    /// </summary>
    public static int[] Schedule(ScheduleSpec? spec, DemandSeries expected, FleetEconomics economics)
    {
        int[] weekday = spec?.Weekday is { } wd ? [.. wd] : Derive(expected, economics, weekend: false);
        int[] weekend = spec?.Weekend is { } we ? [.. we] : Derive(expected, economics, weekend: true);
        var plan = new int[expected.Minutes];
        for (int m = 0; m < plan.Length; m++)
        {
            int hour = m / 60;
            plan[m] = (Calendar.IsWeekend(hour) ? weekend : weekday)[Calendar.HourOfDay(hour)];
        }
        return plan;
    }

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

    /// <summary>
    /// The oracle: for every billing period (an hour when billed hourly, else a minute), the replica
    /// count that makes that period cheapest given the demand that actually comes.
    /// </summary>
    public static int[] Oracle(DemandSeries actual, FleetEconomics economics, BillingUnit billing, double minimumChargeMinutes = 0)
    {
        // A node is paid for at least a billing unit and at least the minimum charge, so the oracle
        // plans in periods that long: a shorter plan would pay the minimum on every new node.
        int period = Math.Max(billing == BillingUnit.Hour ? 60 : 1, (int)Math.Ceiling(minimumChargeMinutes - 1e-9));
        int minutes = actual.Minutes;
        ReadOnlySpan<double> demand = actual.Rate;
        double peak = 0;
        foreach (double d in demand)
        {
            peak = Math.Max(peak, d);
        }
        int limit = (int)Math.Ceiling(peak / economics.Replica.Throughput.Value) + 2 * economics.ReplicasPerNode;
        int periods = (minutes + period - 1) / period;
        var bestCost = new double[periods];
        var bestReplicas = new int[periods];
        var served = new double[minutes];
        // One vectorized pass over the whole horizon per fleet size; each period keeps its cheapest.
        for (int r = 0; r <= limit; r++)
        {
            if (r == 0)
            {
                Array.Clear(served);
            }
            else
            {
                Engine.MinuteEngine.ServeSpan(demand, economics.RouterFor(r), served);
            }
            double nodeCostPerMinute = economics.NodesFor(r) * economics.NodeUsdPerMinute;
            for (int p = 0; p < periods; p++)
            {
                int from = p * period, to = Math.Min(minutes, from + period);
                double cost = 0;
                for (int m = from; m < to; m++)
                {
                    cost += nodeCostPerMinute + (demand[m] - served[m]) * 60.0 * economics.ApiUsdPerToken;
                }
                if (r == 0 || cost < bestCost[p] - 1e-9)
                {
                    bestCost[p] = cost;
                    bestReplicas[p] = r;
                }
            }
        }
        var plan = new int[minutes];
        for (int p = 0; p < periods; p++)
        {
            int from = p * period;
            plan.AsSpan(from, Math.Min(period, minutes - from)).Fill(bestReplicas[p]);
        }
        return plan;
    }
}
