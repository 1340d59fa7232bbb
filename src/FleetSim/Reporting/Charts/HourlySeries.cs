using FleetSim.Traffic;

namespace FleetSim.Reporting.Charts;

/// <summary>
/// How a chart draws a per-minute series that moves every minute (traffic noise, a trace's own minutes,
/// the capacity of a policy that follows them): 10,080 minutes of a week on ~1,000 pixels is ten values
/// a pixel, an unreadable blur. Such a series is drawn as its hourly means, with the spread of the
/// minutes inside each hour as a band.
/// </summary>
internal static class HourlySeries
{
    /// <summary>
    /// True when the series changes value more than twice an hour on average: a smooth or stepped series
    /// (an hourly traffic shape, a schedule's or a static fleet's capacity) changes at most a few times an hour.
    /// </summary>
    public static bool ChangesOften(ReadOnlySpan<double> minutes)
    {
        int changes = 0;
        for (int m = 1; m < minutes.Length; m++)
        {
            if (minutes[m] != minutes[m - 1])
            {
                changes++;
            }
        }
        return changes > 2.0 * minutes.Length / 60;
    }

    /// <summary>The mean of each whole or partial hour of <paramref name="minutes"/> (minute 0 starts hour 0).</summary>
    public static double[] Means(ReadOnlySpan<double> minutes)
    {
        var means = new double[(minutes.Length + 59) / 60];
        for (int h = 0; h < means.Length; h++)
        {
            ReadOnlySpan<double> hour = minutes[(h * 60)..Math.Min(minutes.Length, (h + 1) * 60)];
            double sum = 0;
            foreach (double v in hour)
            {
                sum += v;
            }
            means[h] = sum / hour.Length;
        }
        return means;
    }

    /// <summary>The <paramref name="low"/> and <paramref name="high"/> quantiles (0–1) of the minutes of each hour, as <see cref="Means"/> groups them.</summary>
    public static (double[] Low, double[] High) Spread(ReadOnlySpan<double> minutes, double low, double high)
    {
        int hours = (minutes.Length + 59) / 60;
        var lows = new double[hours];
        var highs = new double[hours];
        for (int h = 0; h < hours; h++)
        {
            double[] hour = minutes[(h * 60)..Math.Min(minutes.Length, (h + 1) * 60)].ToArray();
            Array.Sort(hour);
            (lows[h], highs[h]) = (Percentile.OfSorted(hour, low), Percentile.OfSorted(hour, high));
        }
        return (lows, highs);
    }
}
