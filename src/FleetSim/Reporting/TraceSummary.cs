using System.Globalization;
using System.Text;
using FleetSim.Traffic;
using FleetSim.Traffic.Traces;
using FleetSim.Units;

namespace FleetSim.Reporting;

/// <summary>`fleetsim trace summarize` and `fit`: a trace described, and its traffic: section written.</summary>
public static class TraceSummary
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// The summary's text: span, clock, requests, tokens, per-minute and hourly percentiles, the daily swing and the
    /// month's volume, priced at <paramref name="apiUsdPerMillion"/> ($ per million processed tokens) and saying
    /// whose price that is (<paramref name="priceSource"/>, e.g. "the API price of scenarios/x.yaml").
    /// </summary>
    public static string Render(TraceProfile p, double apiUsdPerMillion, string priceSource)
    {
        double[] minutes = [.. p.MinuteRate];
        Array.Sort(minutes);
        double[] sortedHourly = [.. p.HourlyMeans().Where(v => !double.IsNaN(v))];
        Array.Sort(sortedHourly);
        string Q(double[] sorted, double q) => Quantity.Short(Percentile.OfSorted(sorted, q));
        TraceStats s = p.Stats;
        var sb = new StringBuilder();
        sb.AppendLine(Inv, $"FleetSim trace · {p.Path} ({TraceFormats.Name(s.Format)}{(s.Compression is { } c ? ", " + c : "")})");
        sb.AppendLine();
        sb.AppendLine(Inv, $"  span        {Span(p.Seconds)} ({p.Minutes:N0} minute{(p.Minutes == 1 ? "" : "s")}, the period it repeats with)");
        sb.AppendLine(Inv, $"  clock       starts {p.Clock.Describe()}");
        sb.AppendLine(Inv, $"  window      {Window(p)}");
        foreach (string note in p.ClockNotes)
        {
            sb.AppendLine(Inv, $"  note        {note}");
        }
        if (Models(p) is { } models)
        {
            sb.AppendLine(Inv, $"  models      {models}");
        }
        sb.AppendLine(Inv, $"  requests    {p.Requests:N0} ({Rows(s)})");
        sb.AppendLine(Inv, $"  tokens      input {Quantity.Short(p.InputTokens, precise: true)}{Cached(p)}, output {Quantity.Short(p.OutputTokens, precise: true)}, " +
                           $"processed {Quantity.Short(p.ProcessedTokens, precise: true)}; {p.MeanProcessedTokens:N0} processed and {p.MeanOutputTokens:N0} output per request");
        string noise = double.IsNaN(p.SamplingNoiseShare)
            ? "flat within hours"
            : string.Create(Inv, $"{p.SamplingNoiseShare:P0} of the swing within hours is sampling noise, left out of the demand");
        sb.AppendLine(Inv, $"  per minute  P50 {Q(minutes, 0.5)}, P90 {Q(minutes, 0.9)}, P99 {Q(minutes, 0.99)}, peak {Quantity.Short(minutes[^1])} tok/s; {noise}");
        sb.AppendLine(Inv, $"  hourly      trough {Quantity.Short(sortedHourly[0])}, P50 {Q(sortedHourly, 0.5)}, P90 {Q(sortedHourly, 0.9)}, P99 {Q(sortedHourly, 0.99)} tok/s");
        sb.AppendLine(Inv, $"  day         {DailySwing(p.HourOfDayMeans())}");
        sb.AppendLine(Inv, $"  month       at this rate a 730-hour month is {Quantity.Short(p.MonthlyTokens)} processed tokens ({new Usd(p.MonthlyTokens / 1e6 * apiUsdPerMillion).ToShortString()} at ${apiUsdPerMillion:0.000}/M, {priceSource})");
        return sb.ToString();
    }

    /// <summary>
    /// The traffic: section fitted from the trace (<see cref="TraceWeekFit"/>): monthly volume, 24 levels by
    /// clock hour, the weekend factor when the trace has weekdays and weekend days, and the request mix; headed,
    /// when <paramref name="provenance"/> is given, by its comment lines (<see cref="FileProvenance.YamlComment"/>).
    /// </summary>
    /// <exception cref="TraceException">The trace is shorter than a day.</exception>
    public static string FitYaml(TraceProfile p, FileProvenance? provenance = null)
    {
        TraceWeekFit fit = TraceWeekFit.Of(p);
        string levels = string.Join(", ", fit.Levels.Select(v => v.ToString("0.###", Inv)));
        string hourZero = p.Clock.LocalStart is null ? "the trace's first hour (the trace is undated)" : $"midnight, {p.Clock.Zone}";
        var sb = new StringBuilder(provenance?.YamlComment());
        sb.AppendLine(Inv, $"# fitted by fleetsim trace fit from {p.Path} ({Quantity.Count(p.Requests, "request")} over {Span(p.Seconds)}, starting {p.Clock.Describe()})");
        sb.AppendLine("traffic:");
        sb.AppendLine(Inv, $"  monthly_processed_tokens: {p.MonthlyTokens.ToString("0", Inv)}   # the trace's rate over a 730-hour month");
        sb.AppendLine("  daily_shape:");
        sb.AppendLine(Inv, $"    hourly: [{levels}]   # hour 0 is {hourZero}");
        if (fit.WeekendFactor is { } weekend)
        {
            sb.AppendLine("  weekday_factor: 1");
            sb.AppendLine(Inv, $"  weekend_factor: {weekend.ToString("0.###", Inv)}   # the trace's weekend days against its weekdays, hour for hour");
        }
        else
        {
            sb.AppendLine(Inv, $"  # no weekend_factor: the trace covers only {(p.Clock.LocalStart is null ? "days taken as weekdays" : "weekdays or only weekend days")}");
        }
        sb.AppendLine("  request_mix:");
        sb.AppendLine(Inv, $"    processed_tokens: {p.MeanProcessedTokens.ToString("0", Inv)}");
        sb.AppendLine(Inv, $"    output_tokens: {Math.Max(1, p.MeanOutputTokens).ToString("0", Inv)}");
        sb.AppendLine(p.CachedInputTokens > 0
            ? string.Create(Inv, $"    cache_hit_share: {p.CacheHitShare:0.####}   # cached prompt tokens over prompt tokens, from the trace")
            : "    cache_hit_share: 0   # this trace records no prompt-cache hits; set it from your gateway");
        return sb.ToString();
    }

    private static string Window(TraceProfile p)
    {
        if (p.Window is { } w)
        {
            return $"{w.Describe()}, as given";
        }
        string own = p.Stats.Format is TraceFormat.OpenAiUsage or TraceFormat.PerMinute
            ? "its first bucket to the end of its last"
            : "its first request to one gap past its last";
        return p.Clock.LocalStart is null ? own : own + "; if the export covered more (whole days with quiet nights), give --from and --to";
    }

    private static string Span(double seconds)
    {
        var span = TimeSpan.FromSeconds(seconds);
        return string.Create(Inv, $"{(int)span.TotalDays}d {span.Hours}h {span.Minutes}m {span.Seconds}s");
    }

    /// <summary>The models a file names, when it names more than one or one was asked for; null otherwise.</summary>
    public static string? Models(TraceProfile p)
    {
        TraceStats s = p.Stats;
        string list = string.Join(", ", s.Models.Select(m => $"'{m}'")) + (s.MoreModels ? ", and more" : "");
        return p.Options.Model is { } wanted
            ? $"'{wanted}' only, of {list}"
            : s.Models.Count > 1 ? $"{list}: the file mixes models and all are read (--model NAME keeps one)" : null;
    }

    private static string Rows(TraceStats s)
    {
        var parts = new List<string> { $"{s.BadRows:N0} bad rows skipped", $"{s.FailedRequests:N0} failed requests excluded" };
        if (s.ResponseCacheHits > 0) parts.Add($"{s.ResponseCacheHits:N0} answered from the gateway's response cache left out");
        if (s.OtherModelRows > 0) parts.Add($"{s.OtherModelRows:N0} rows of other models left out");
        if (s.ReorderedRows > 0) parts.Add($"{s.ReorderedRows:N0} rows out of order put back in time order, at most {s.MaxReorderSeconds:0.#} s behind");
        return string.Join(", ", parts);
    }

    private static string Cached(TraceProfile p) =>
        p.CachedInputTokens > 0 ? $" ({Quantity.Short(p.CachedInputTokens, precise: true)} of it cached, {p.CacheHitShare:P1})" : "";

    /// <summary>Peak over trough of the hour-of-day means, idle hours included.</summary>
    private static string DailySwing(double[] day)
    {
        if (day.Any(double.IsNaN))
        {
            return "peak-to-trough n/a: the trace covers less than a day";
        }
        int idle = day.Count(v => v <= 0);
        return idle > 0
            ? $"peak-to-trough unbounded: {idle} hour{(idle == 1 ? "" : "s")} of the day with no traffic"
            : string.Create(Inv, $"peak-to-trough {day.Max() / day.Min():0.0}× by hour of day");
    }
}
