namespace FleetSim.Traffic.Traces;

/// <summary>
/// A trace read once, in constant memory but for one number per minute: its per-minute demand
/// (processed tok/s, by arrival minute), request count, token totals and what the reader met.
/// </summary>
public sealed class TraceProfile
{
    private TraceProfile(string path, double[] minuteRate, long requests, double input, double output, TraceStats stats)
    {
        Path = path;
        MinuteRate = minuteRate;
        Requests = requests;
        InputTokens = input;
        OutputTokens = output;
        Stats = stats;
    }

    public string Path { get; }

    /// <summary>Processed tok/s of each minute from the first request's minute on.</summary>
    public double[] MinuteRate { get; }

    public long Requests { get; }

    public double InputTokens { get; }

    public double OutputTokens { get; }

    public double ProcessedTokens => InputTokens + OutputTokens;

    public TraceStats Stats { get; }

    /// <summary>How the trace was read (a replay reads it again the same way).</summary>
    public TraceOptions Options { get; private init; } = new();

    public int Minutes => MinuteRate.Length;

    /// <summary>The trace's volume stretched to a 730-hour month.</summary>
    public double MonthlyTokens => ProcessedTokens * (730 * 60.0) / Minutes;

    public double MeanProcessedTokens => Requests == 0 ? 0 : ProcessedTokens / Requests;

    public double MeanOutputTokens => Requests == 0 ? 0 : OutputTokens / Requests;

    public static TraceProfile Read(string path, TraceOptions options)
    {
        var stats = new TraceStats();
        var tokensByMinute = new List<double>();
        long requests = 0;
        double input = 0, output = 0;
        foreach (TraceRequest r in TraceReader.Read(path, options, stats))
        {
            int minute = (int)Math.Max(0, Math.Floor(r.Seconds / 60.0));
            while (tokensByMinute.Count <= minute)
            {
                tokensByMinute.Add(0);
            }
            tokensByMinute[minute] += r.ProcessedTokens;
            requests += r.Count;
            input += r.InputTokens;
            output += r.OutputTokens;
        }
        if (requests == 0 || input + output <= 0)
        {
            throw new TraceException(path, 0, "holds no requests with tokens: there is no traffic to take a shape from");
        }
        double[] rate = [.. tokensByMinute.Select(t => t / 60.0)];
        return new TraceProfile(path, rate, requests, input, output, stats) { Options = options with { Format = stats.Format } };
    }

    /// <summary>
    /// The demand over <paramref name="minutes"/> minutes: the trace tiled by whole days (whole hours
    /// when it is shorter than a day, as it is when shorter than an hour), so day and hour of day
    /// line up with the calendar; then scaled to carry <paramref name="tokens"/> in all.
    /// </summary>
    public double[] Tiled(int minutes, double tokens)
    {
        int unit = Minutes >= 1440 ? 1440 : Minutes >= 60 ? 60 : Minutes;
        int usable = Minutes / unit * unit;
        var rate = new double[minutes];
        for (int m = 0; m < minutes; m++)
        {
            rate[m] = MinuteRate[m % usable];
        }
        double sum = rate.Sum() * 60.0;
        if (sum > 0)
        {
            double scale = tokens / sum;
            for (int m = 0; m < minutes; m++)
            {
                rate[m] *= scale;
            }
        }
        return rate;
    }

    /// <summary>Mean tok/s of each whole hour of the trace.</summary>
    public double[] HourlyMeans() =>
        [.. Enumerable.Range(0, Math.Max(1, Minutes / 60)).Select(h => MinuteRate.Skip(h * 60).Take(60).DefaultIfEmpty(0).Average())];

    /// <summary>Mean tok/s by hour of day over the trace's whole hours (hour 0 = the trace's first hour).</summary>
    public double[] HourOfDayMeans()
    {
        double[] hourly = HourlyMeans();
        return [.. Enumerable.Range(0, 24).Select(h =>
        {
            double[] same = [.. hourly.Where((_, i) => i % 24 == h)];
            return same.Length == 0 ? 0 : same.Average();
        })];
    }
}
