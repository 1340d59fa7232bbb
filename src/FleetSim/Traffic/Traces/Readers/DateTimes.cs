using System.Globalization;

namespace FleetSim.Traffic.Traces;

/// <summary>
/// Date-time stamps as traces write them: "2023-11-16 18:17:03.9799600" (no zone: UTC),
/// "2024-05-10 00:00:00.009930+00:00" (any fraction up to 7 digits, or none), ISO 8601 with 'T' or 'Z'.
/// </summary>
internal static class DateTimes
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd HH:mm:sszzz",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-ddTHH:mm:ssK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK",
    ];

    private const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces;

    /// <summary>The instant in UTC ticks, or false.</summary>
    public static bool TryParse(string text, out long utcTicks)
    {
        var ok = DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, Styles, out var stamp)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Styles, out stamp);
        utcTicks = ok ? stamp.UtcTicks : 0;
        return ok;
    }
}

/// <summary>
/// Turns UTC ticks into seconds from the first stamp seen, so that times stay exact to the tick
/// (seconds since an epoch in a double would lose the fraction's last digits).
/// </summary>
internal sealed class TickClock
{
    private long? _origin;

    public double Seconds(long utcTicks)
    {
        _origin ??= utcTicks;
        return (utcTicks - _origin.Value) / (double)TimeSpan.TicksPerSecond;
    }
}
