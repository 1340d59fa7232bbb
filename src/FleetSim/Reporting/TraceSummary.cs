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

    public static string Render(TraceProfile p)
    {
        double[] minutes = [.. p.MinuteRate];
        Array.Sort(minutes);
        double[] hourly = p.HourlyMeans();
        double[] sortedHourly = [.. hourly];
        Array.Sort(sortedHourly);
        double[] day = p.HourOfDayMeans();
        double trough = day.Where(v => v > 0).DefaultIfEmpty(0).Min();
        string Q(double[] sorted, double q) => Quantity.Short(Percentile.OfSorted(sorted, q));
        var span = TimeSpan.FromMinutes(p.Minutes);
        var sb = new StringBuilder();
        sb.AppendLine(Inv, $"FleetSim trace · {p.Path} ({p.Stats.Format})");
        sb.AppendLine();
        sb.AppendLine(Inv, $"  span        {(int)span.TotalDays}d {span.Hours}h {span.Minutes}m ({p.Minutes:N0} minutes from the first request)");
        sb.AppendLine(Inv, $"  requests    {p.Requests:N0} ({p.Stats.BadRows:N0} bad rows skipped, {p.Stats.FailedRequests:N0} failed requests excluded)");
        sb.AppendLine(Inv, $"  tokens      input {Quantity.Short(p.InputTokens, precise: true)}, output {Quantity.Short(p.OutputTokens, precise: true)}, " +
                           $"processed {Quantity.Short(p.ProcessedTokens, precise: true)}; {p.MeanProcessedTokens:N0} processed and {p.MeanOutputTokens:N0} output per request");
        sb.AppendLine(Inv, $"  per minute  P50 {Q(minutes, 0.5)}, P90 {Q(minutes, 0.9)}, P99 {Q(minutes, 0.99)}, peak {Quantity.Short(minutes[^1])} tok/s");
        sb.AppendLine(Inv, $"  hourly      trough {Quantity.Short(sortedHourly[0])}, P50 {Q(sortedHourly, 0.5)}, P90 {Q(sortedHourly, 0.9)}, P99 {Q(sortedHourly, 0.99)} tok/s");
        sb.AppendLine(Inv, $"  day         peak-to-trough {(trough > 0 ? (day.Max() / trough).ToString("0.0", Inv) + "×" : "n/a (hours with no traffic)")} by hour of day");
        sb.AppendLine(Inv, $"  month       at this rate a 730-hour month is {Quantity.Short(p.MonthlyTokens)} processed tokens ({new Usd(p.MonthlyTokens / 1e6 * 0.317).ToShortString()} at $0.317/M)");
        return sb.ToString();
    }

    /// <summary>The traffic: section fitted from the trace: monthly volume, 24 hourly levels (hour 0 = the trace's first hour) and the request mix.</summary>
    public static string FitYaml(TraceProfile p)
    {
        double[] day = p.HourOfDayMeans();
        double max = day.Max();
        string levels = string.Join(", ", day.Select(v => (max > 0 ? v / max : 0).ToString("0.###", Inv)));
        var sb = new StringBuilder();
        sb.AppendLine(Inv, $"# fitted by fleetsim trace fit from {p.Path} ({p.Requests:N0} requests over {p.Minutes:N0} minutes)");
        sb.AppendLine("traffic:");
        sb.AppendLine(Inv, $"  monthly_processed_tokens: {p.MonthlyTokens.ToString("0", Inv)}   # the trace's rate over a 730-hour month");
        sb.AppendLine("  daily_shape:");
        sb.AppendLine(Inv, $"    hourly: [{levels}]   # hour 0 is the trace's first hour");
        sb.AppendLine("  request_mix:");
        sb.AppendLine(Inv, $"    processed_tokens: {p.MeanProcessedTokens.ToString("0", Inv)}");
        sb.AppendLine(Inv, $"    output_tokens: {Math.Max(1, p.MeanOutputTokens).ToString("0", Inv)}");
        sb.AppendLine("    cache_hit_share: 0   # traces do not record prefix-cache hits; set it from your gateway");
        return sb.ToString();
    }
}
