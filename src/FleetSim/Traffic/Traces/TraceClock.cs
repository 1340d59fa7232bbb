namespace FleetSim.Traffic.Traces;

/// <summary>
/// Where a trace sits on the simulated calendar (minute 0 = Monday 00:00, <see cref="Calendar"/>): a dated
/// trace keeps its first request's wall-clock minute and weekday in the named time zone; an undated trace
/// (offsets from its own start) is taken to start on Monday at 00:00.
/// </summary>
/// <param name="LocalStart">The first request's wall-clock time in <paramref name="Zone"/>; null for an undated trace.</param>
/// <param name="Zone">The time zone's name as given (IANA, e.g. "America/New_York"; default "UTC").</param>
/// <remarks>
/// Stamps written with an offset or "Z" are instants and are converted into the zone; stamps written
/// without one are read as that zone's wall clock. The zone's offset is taken at the first request, so a
/// daylight-saving change inside the trace shifts the rest of it by the change (an hour) on the calendar.
/// </remarks>
public sealed record TraceClock(DateTime? LocalStart, string Zone)
{
    /// <summary>An undated trace: it starts on Monday at 00:00.</summary>
    public static readonly TraceClock Undated = new(null, "UTC");

    /// <summary>Minutes from Monday 00:00 to the trace's first minute (0 ≤ value &lt; 10,080).</summary>
    public int StartMinuteOfWeek => LocalStart is { } t
        ? ((int)t.DayOfWeek + 6) % 7 * Calendar.MinutesPerDay + t.Hour * Calendar.MinutesPerHour + t.Minute
        : 0;

    /// <summary>The clock of a trace read with <paramref name="stats"/>, in the zone named <paramref name="zone"/> (null: UTC).</summary>
    /// <exception cref="ArgumentException">The zone is not one this machine's time-zone database knows.</exception>
    public static TraceClock Of(TraceStats stats, string? zone)
    {
        TimeZoneInfo info = Find(zone);
        string name = zone ?? "UTC";
        if (stats.OriginUtcTicks is not { } ticks)
        {
            return Undated with { Zone = name };
        }
        var stamp = new DateTime(ticks, DateTimeKind.Utc);
        DateTime local = stats.StampsHaveZone ? TimeZoneInfo.ConvertTimeFromUtc(stamp, info) : DateTime.SpecifyKind(stamp, DateTimeKind.Unspecified);
        return new TraceClock(local, name);
    }

    /// <summary>The time zone named <paramref name="zone"/> (IANA id; null, "UTC" and "Etc/UTC" are UTC).</summary>
    /// <exception cref="ArgumentException">The zone is unknown here.</exception>
    public static TimeZoneInfo Find(string? zone)
    {
        if (zone is null or "UTC" or "Etc/UTC" or "Z")
        {
            return TimeZoneInfo.Utc;
        }
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(zone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"unknown time zone '{zone}': give an IANA name such as 'UTC', 'Europe/Berlin' or 'America/New_York'");
        }
    }

    /// <summary>"Sat 2024-01-06 14:37 UTC" or "undated: its first request is taken as Monday 00:00".</summary>
    public string Describe() => LocalStart is { } t
        ? $"{t:ddd yyyy-MM-dd HH:mm} {Zone}"
        : "undated: its first request is taken as Monday 00:00";
}
