using FleetSim.Scenario;

namespace FleetSim.Traffic.Traces;

/// <summary>
/// A trace read once, in constant memory but for one number per minute: its demand minute by minute
/// (processed tok/s, by arrival minute from the earliest request), its exact length, its
/// token totals, its place on the calendar and what the reader met.
/// </summary>
/// <remarks>
/// <para>
/// <b>Length.</b> Requests stamped from t₁ to tₙ cover tₙ − t₁ seconds and one more gap after the
/// last, at the mean of the last 100 gaps (the traffic's pace where the trace ends). An aggregate row
/// covers its whole bucket.
/// The trace is <see cref="Minutes"/> = that length rounded to whole minutes (at least 1) long; rows
/// past the end fall in the last minute, whose rate is its tokens over the seconds it really covers
/// (30 to 90), so a partial last minute is not read as a whole, slow one.
/// </para>
/// <para>
/// <b>Sampling noise.</b> The demand a scenario takes from the trace is <see cref="DemandRate"/>: the
/// recorded minutes less the swings the requests' own randomness explains (<see cref="SamplingNoise"/>),
/// so a sparse and a dense sample of the same traffic give the same demand once scaled.
/// </para>
/// <para>
/// <b>Volume.</b> <see cref="MonthlyTokens"/> is the trace's processed tokens over its length, times
/// a 730-hour month: its average rate. A scenario's volume scales that rate (<see cref="Tiled"/>), so a
/// horizon of the trace's own length carries the trace's own tokens (times the scale) wherever it
/// falls, and a 730-hour month carries the volume up to the month's mix of the trace's days (a weekly
/// trace's month is four weeks and 2 days 10 hours of its Monday onwards).
/// </para>
/// </remarks>
public sealed class TraceProfile
{
    private TraceProfile(string path, double[] minuteRate, double[] noiseVariance, double seconds, TraceTotals totals,
                         TraceStats stats, TraceOptions options, TraceClock clock)
    {
        Path = path;
        MinuteRate = minuteRate;
        (DemandRate, SamplingNoiseShare) = SamplingNoise.Shrink(minuteRate, noiseVariance, (60 - clock.StartMinuteOfWeek % 60) % 60);
        Seconds = seconds;
        Requests = totals.Requests;
        InputTokens = totals.Input;
        CachedInputTokens = totals.Cached;
        OutputTokens = totals.Output;
        Stats = stats;
        Options = options;
        Clock = clock;
    }

    public string Path { get; }

    /// <summary>Processed tok/s of each of the trace's <see cref="Minutes"/> minutes as recorded, from the earliest request's time on.</summary>
    public double[] MinuteRate { get; }

    /// <summary>
    /// The traffic's own tok/s in each minute: <see cref="MinuteRate"/> less its sampling noise
    /// (<see cref="SamplingNoise"/>). This is what is tiled and scaled into demand.
    /// </summary>
    public double[] DemandRate { get; }

    /// <summary>The share of the recorded minute-to-minute swings (about hourly means) that is sampling noise, 0 to 1; NaN when the trace is flat within its hours (hourly buckets).</summary>
    public double SamplingNoiseShare { get; }

    /// <summary>The trace's length in seconds (see the remarks).</summary>
    public double Seconds { get; }

    public long Requests { get; }

    /// <summary>Prompt tokens, cached ones included.</summary>
    public double InputTokens { get; }

    /// <summary>Prompt tokens read from a prompt cache (0 when the format does not record them).</summary>
    public double CachedInputTokens { get; }

    public double OutputTokens { get; }

    public double ProcessedTokens => InputTokens + OutputTokens;

    public TraceStats Stats { get; }

    /// <summary>How the trace was read (a replay reads it again the same way).</summary>
    public TraceOptions Options { get; }

    /// <summary>Where the trace sits on the calendar.</summary>
    public TraceClock Clock { get; }

    /// <summary>The export's window, when one was given; null when the trace runs from its first request to one gap past its last.</summary>
    public TraceWindow? Window { get; private init; }

    /// <summary>What reading noticed about the trace's clock that may make its hours less exact (said, not refused).</summary>
    public IReadOnlyList<string> ClockNotes { get; private init; } = [];

    /// <summary>Seconds from the window's start to the earliest request (0 without a window): where the rows' own seconds begin.</summary>
    public double LeadSeconds { get; private init; }

    /// <summary>The trace's length in whole minutes: the period it repeats with when tiled.</summary>
    public int Minutes => MinuteRate.Length;

    /// <summary>The trace's volume at its own rate over a 730-hour month.</summary>
    public double MonthlyTokens => ProcessedTokens * (730 * 3600.0) / Seconds;

    public double MeanProcessedTokens => Requests == 0 ? 0 : ProcessedTokens / Requests;

    public double MeanOutputTokens => Requests == 0 ? 0 : OutputTokens / Requests;

    /// <summary>Share of prompt tokens read from a prompt cache.</summary>
    public double CacheHitShare => InputTokens > 0 ? CachedInputTokens / InputTokens : 0;

    /// <summary>Seconds the last minute really covers (30 to 90; all of a trace shorter than 90 s).</summary>
    public double LastMinuteSeconds => Seconds - 60.0 * (Minutes - 1);

    /// <summary>
    /// Reads the trace at <paramref name="path"/>; <paramref name="timeZone"/> names the zone of its clock (null: UTC);
    /// <paramref name="window"/>, the stretch a dated trace's export covers (null: its first request to one gap past its last).
    /// </summary>
    /// <exception cref="TraceException">The file cannot be read, a row is malformed, it holds no requests with tokens, or
    /// its requests fall outside <paramref name="window"/> (or it has no dates to place one).</exception>
    /// <exception cref="ArgumentException"><paramref name="timeZone"/> is unknown.</exception>
    public static TraceProfile Read(string path, TraceOptions options, string? timeZone = null, TraceWindow? window = null)
    {
        TimeZoneInfo zone = TraceClock.Find(timeZone);
        var stats = new TraceStats();
        using IEnumerator<TraceRequest> rows = TraceReader.Read(path, options, stats).GetEnumerator();
        bool any = rows.MoveNext();
        double lead = 0;
        if (window is not null && any)
        {
            if (stats.OriginUtcTicks is not { } origin)
            {
                throw new TraceException(path, 0, "a window needs a dated trace; this one's stamps are offsets from its own start") { Option = "window" };
            }
            lead = (origin - window.FromTicks(zone, stats.StampsHaveZone)) / (double)TimeSpan.TicksPerSecond;
            if (lead < 0)
            {
                throw new TraceException(path, 0, $"its first request comes {Gap(-lead)} before the window's start {window.From:yyyy-MM-dd HH:mm}") { Option = "window" };
            }
        }
        TraceMinuteBins bins = Bin(rows, any, lead);
        if (bins.Totals.Requests == 0 || bins.Totals.Input + bins.Totals.Output <= 0)
        {
            throw new TraceException(path, 0, "holds no requests with tokens: there is no traffic to take a shape from");
        }
        if (window is not null && bins.LastRow >= window.Seconds)
        {
            throw new TraceException(path, 0, $"its last request comes {Gap(bins.LastRow - window.Seconds)} at or after the window's end {window.To:yyyy-MM-dd HH:mm}") { Option = "window" };
        }
        double seconds = window?.Seconds ?? bins.Seconds;
        int minutes = Math.Max(1, (int)Math.Round(seconds / 60.0, MidpointRounding.AwayFromZero));
        (double[] tokens, double[] squares) = bins.Fold(minutes);
        CheckBusiestMinute(path, tokens);
        double last = seconds - 60.0 * (minutes - 1);
        double Covered(int m) => m == minutes - 1 ? last : 60.0;
        double[] rate = [.. tokens.Select((t, m) => t / Covered(m))];
        double[] noise = [.. squares.Select((q, m) => q / (Covered(m) * Covered(m)))];
        TraceClock clock = window is null ? TraceClock.Of(stats, timeZone) : new TraceClock(window.From, timeZone ?? "UTC");
        return new TraceProfile(path, rate, noise, seconds, bins.Totals, stats, options with { Format = stats.Format }, clock)
        {
            Window = window,
            LeadSeconds = lead,
            ClockNotes = DaylightSavingNotes(clock, zone, stats.StampsHaveZone, seconds),
        };
    }

    /// <summary>
    /// A note when stamps written without an offset are read as the wall clock of a zone that changes its offset
    /// within the trace: the hour repeated in autumn reads as one hour of double traffic (its rows sorted
    /// together), and the hour skipped in spring as an idle one.
    /// </summary>
    /// <summary>A gap in words: "42 s", "3 h 5 min", "90 days".</summary>
    private static string Gap(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Round(seconds));
        return t.TotalDays >= 2 ? FormattableString.Invariant($"{t.TotalDays:0.#} days")
            : t.TotalHours >= 1 ? $"{(int)t.TotalHours} h {t.Minutes} min"
            : t.TotalMinutes >= 1 ? $"{t.Minutes} min {t.Seconds} s"
            : $"{t.Seconds} s";
    }

    private static string[] DaylightSavingNotes(TraceClock clock, TimeZoneInfo zone, bool stampsHaveZone, double seconds)
    {
        if (stampsHaveZone || clock.LocalStart is not { } start || !zone.SupportsDaylightSavingTime)
        {
            return [];
        }
        var changes = new List<string>();
        TimeSpan offset = zone.GetUtcOffset(start);
        DateTime end = start.AddSeconds(seconds);
        for (DateTime hour = start.Date.AddHours(start.Hour + 1); hour <= end.AddHours(1); hour = hour.AddHours(1))
        {
            TimeSpan next = zone.GetUtcOffset(hour);
            if (next != offset)
            {
                changes.Add(hour.AddHours(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                offset = next;
            }
        }
        return changes.Count == 0 ? [] :
        [
            $"its stamps carry no offset and {clock.Zone} changes its clock within it ({string.Join(", ", changes.Take(3))}{(changes.Count > 3 ? ", ..." : "")}): " +
            "the hour repeated in autumn reads as one hour of double traffic and the hour skipped in spring as an idle one; export the stamps with their offset, or in UTC",
        ];
    }

    /// <summary>Every request summed into its minute: the one loop over a whole file, compiled fully from its first call.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    /// <summary>
    /// Refuses a trace whose rows add up to more than <see cref="InputLimits.MaxTokensPerMinute"/> in one minute (each row
    /// is checked on its own as it is read; many plausible rows can still add up to an implausible minute).
    /// </summary>
    private static void CheckBusiestMinute(string path, double[] tokens)
    {
        int busiest = 0;
        for (int m = 1; m < tokens.Length; m++)
        {
            if (tokens[m] > tokens[busiest])
            {
                busiest = m;
            }
        }
        if (tokens[busiest] > InputLimits.MaxTokensPerMinute)
        {
            throw new TraceException(path, 0,
                $"minute {busiest} of the trace (from its start) carries {tokens[busiest]:G4} tokens, more than the {InputLimits.MaxTokensPerMinute:0.#E+0} a trace may carry in one (about 17 billion tok/s, far above any fleet): a typo or a unit error?");
        }
    }

    private static TraceMinuteBins Bin(IEnumerator<TraceRequest> rows, bool any, double lead)
    {
        var bins = new TraceMinuteBins(lead);
        for (bool more = any; more; more = rows.MoveNext())
        {
            bins.Add(rows.Current);
        }
        return bins;
    }

    /// <summary>The trace minute that calendar minute <paramref name="minute"/> (0 = Monday 00:00) replays when the trace is tiled.</summary>
    public int TraceMinuteAt(int minute)
    {
        int m = (minute - Clock.StartMinuteOfWeek) % Minutes;
        return m < 0 ? m + Minutes : m;
    }

    /// <summary>
    /// The demand over the calendar's first <paramref name="minutes"/> minutes (minute 0 = Monday 00:00):
    /// the trace's <see cref="DemandRate"/> tiled with its exact length in minutes, placed so that its first
    /// minute falls on its own clock minute and weekday (<see cref="Clock"/>), every minute times
    /// <paramref name="scale"/>. The trace's own rate is scale 1; a volume of V tokens a month is scale
    /// V / <see cref="MonthlyTokens"/>: the volume sets the trace's average rate, and each stretch of the
    /// calendar carries what the trace's own minutes there carry at that rate.
    /// </summary>
    public double[] Tiled(int minutes, double scale)
    {
        var rate = new double[minutes];
        for (int m = 0; m < minutes; m++)
        {
            rate[m] = DemandRate[TraceMinuteAt(m)] * scale;
        }
        return rate;
    }

    /// <summary>
    /// Mean tok/s of each clock hour from 00:00 of the trace's first day (its first hour for an undated
    /// trace) to its end, over the minutes the trace covers; NaN for the hours before its start.
    /// </summary>
    public double[] HourlyMeans()
    {
        int start = Clock.StartMinuteOfWeek % Calendar.MinutesPerDay;
        int hours = (start + Minutes + 59) / 60;
        var sum = new double[hours];
        var count = new int[hours];
        for (int m = 0; m < Minutes; m++)
        {
            int h = (start + m) / 60;
            sum[h] += MinuteRate[m];
            count[h]++;
        }
        return [.. sum.Select((s, h) => count[h] == 0 ? double.NaN : s / count[h])];
    }

    /// <summary>Mean tok/s of each clock hour of day (0 = midnight; the trace's first hour when undated) over the minutes the trace covers; NaN for an hour it never covers.</summary>
    public double[] HourOfDayMeans()
    {
        var sum = new double[24];
        var count = new int[24];
        int start = Clock.StartMinuteOfWeek;
        for (int m = 0; m < Minutes; m++)
        {
            int h = (start + m) / 60 % 24;
            sum[h] += MinuteRate[m];
            count[h]++;
        }
        return [.. sum.Select((s, h) => count[h] == 0 ? double.NaN : s / count[h])];
    }
}
