namespace FleetSim.Traffic.Traces;

/// <summary>
/// A scenario's calendar fitted to a trace: 24 levels by clock hour of day and, when the trace covers
/// both weekdays and weekend days, a weekend factor, so that level[hour] × factor[kind of day]
/// reproduces the trace's minutes in the least-squares sense.
/// </summary>
/// <remarks>
/// The two sets of numbers are fitted by alternating least squares (each step is the exact
/// minimiser with the other set fixed, so the squared error falls monotonically): start from the
/// hour-of-day means, then repeat factor[c] = Σ r·L / Σ L² over the minutes of day kind c and
/// L[h] = Σ r·F / Σ F² over the minutes of hour h. The weekday factor is then 1 and the levels are
/// scaled so the highest is 1 (the scenario scales them to the monthly volume anyway).
/// A trace shorter than a day does not say what every hour of the day looks like and is refused.
/// </remarks>
public sealed record TraceWeekFit(double[] Levels, double? WeekendFactor)
{
    private const int Iterations = 100;

    /// <summary>The fit of <paramref name="profile"/>.</summary>
    /// <exception cref="TraceException">The trace is shorter than a day.</exception>
    public static TraceWeekFit Of(TraceProfile profile)
    {
        if (profile.Minutes < Calendar.MinutesPerDay)
        {
            var span = TimeSpan.FromSeconds(profile.Seconds);
            throw new TraceException(profile.Path, 0,
                $"covers {(int)span.TotalHours} h {span.Minutes} min, less than a day: a daily shape needs every hour of the day. " +
                "Use the trace itself as the traffic (traffic: {trace: FILE}), which repeats its own minutes, or fit a trace of a day or more");
        }
        int start = profile.Clock.StartMinuteOfWeek;
        int n = profile.Minutes;
        var hour = new int[n];
        var weekend = new bool[n];
        for (int m = 0; m < n; m++)
        {
            int hourIndex = (start + m) / Calendar.MinutesPerHour;
            hour[m] = Calendar.HourOfDay(hourIndex);
            weekend[m] = Calendar.IsWeekend(hourIndex);
        }
        bool both = weekend.Contains(true) && weekend.Contains(false);
        double[] rate = profile.MinuteRate;
        double[] levels = profile.HourOfDayMeans();
        var factor = new double[] { 1, 1 };
        for (int i = 0; both && i < Iterations; i++)
        {
            var num = new double[2];
            var den = new double[2];
            for (int m = 0; m < n; m++)
            {
                int c = weekend[m] ? 1 : 0;
                num[c] += rate[m] * levels[hour[m]];
                den[c] += levels[hour[m]] * levels[hour[m]];
            }
            for (int c = 0; c < 2; c++)
            {
                factor[c] = den[c] > 0 ? num[c] / den[c] : 1;
            }
            var lnum = new double[24];
            var lden = new double[24];
            for (int m = 0; m < n; m++)
            {
                double f = factor[weekend[m] ? 1 : 0];
                lnum[hour[m]] += rate[m] * f;
                lden[hour[m]] += f * f;
            }
            for (int h = 0; h < 24; h++)
            {
                levels[h] = lden[h] > 0 ? lnum[h] / lden[h] : 0;
            }
        }
        double max = levels.Max();
        double[] relative = [.. levels.Select(v => max > 0 ? v / max : 0)];
        double? weekendFactor = both && factor[0] > 0 ? factor[1] / factor[0] : null;
        return new TraceWeekFit(relative, weekendFactor);
    }
}
