using System.Globalization;
using FleetSim.Scenario;

namespace FleetSim.Traffic.Traces;

/// <summary>
/// The stretch of time a dated trace's export covers, on the trace's clock (wall-clock times in its time
/// zone): from <paramref name="From"/> to <paramref name="To"/>. A gateway log exported for a week holds
/// calls only when there were calls; its first and last call do not say where the week began and ended,
/// so quiet ends (nights, a weekend) would otherwise be cut off and the rest read as the whole.
/// </summary>
public sealed record TraceWindow(DateTime From, DateTime To)
{
    private static readonly string[] Formats =
        ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss"];

    /// <summary>The window's length in seconds.</summary>
    public double Seconds => (To - From).TotalSeconds;

    /// <summary>
    /// A wall-clock time as users write it: "2025-03-03" (midnight) or "2025-03-03T09:00[:00]" (a space for
    /// the T works too); null when <paramref name="text"/> is neither.
    /// </summary>
    public static DateTime? ParseTime(string text) =>
        DateTime.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime t) ? t : null;

    /// <summary>The window from two texts, or why not (a time that does not parse, or an end not after the start).</summary>
    public static (TraceWindow? Window, string? Problem) Parse(string from, string to)
    {
        if (ParseTime(from) is not { } start)
        {
            return (null, $"'{from}' is not a date (2025-03-03) or a date-time (2025-03-03T09:00)");
        }
        if (ParseTime(to) is not { } end)
        {
            return (null, $"'{to}' is not a date (2025-03-10) or a date-time (2025-03-10T00:00)");
        }
        if (end <= start)
        {
            return (null, $"the end {to} is not after the start {from}");
        }
        return (end - start).Ticks > InputLimits.MaxTraceSpanTicks
            ? (null, $"{from} to {to} is more than {InputLimits.MaxTraceSpanYears} years: a trace spans at most {InputLimits.MaxTraceSpanYears} years")
            : (new TraceWindow(start, end), null);
    }

    /// <summary>
    /// The window's start in the ticks the trace's stamps are read in: UTC ticks of the instant when the stamps
    /// carry a zone, else the wall clock's own ticks (zone-less stamps are read as the zone's wall clock).
    /// </summary>
    public long FromTicks(TimeZoneInfo zone, bool stampsHaveZone) =>
        stampsHaveZone ? TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(From, DateTimeKind.Unspecified), zone).Ticks : From.Ticks;

    /// <summary>"Mon 2025-03-03 00:00 to Mon 2025-03-10 00:00".</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"{From:ddd yyyy-MM-dd HH:mm} to {To:ddd yyyy-MM-dd HH:mm}");
}
