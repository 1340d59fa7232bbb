using System.Globalization;
using System.Text;

namespace FleetSim.Traffic.Traces;

/// <summary>
/// Date-time stamps as traces write them: "2023-11-16 18:17:03.9799600" (no zone: read as UTC),
/// "2024-05-10 00:00:00.009930+00:00" (any fraction up to 7 digits, or none), ISO 8601 with 'T' or 'Z'.
/// That common shape is read by a direct digit parser; anything else goes to .NET's date-time parser.
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

    /// <summary>The instant in UTC ticks and whether the stamp carried a zone or offset, or false.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out long utcTicks, out bool zoned)
    {
        text = text.Trim(" \t"u8);
        return IsoStamps.TryParse(text, out utcTicks, out zoned) || TryParseGeneral(Encoding.UTF8.GetString(text), out utcTicks, out zoned);
    }

    /// <summary>The instant in UTC ticks, or false (any form .NET's parser reads).</summary>
    public static bool TryParse(string text, out long utcTicks) => TryParseGeneral(text.Trim(), out utcTicks, out _);

    private static bool TryParseGeneral(string text, out long utcTicks, out bool zoned)
    {
        var ok = DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, Styles, out var stamp)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Styles, out stamp);
        utcTicks = ok ? stamp.UtcTicks : 0;
        zoned = ok && HasZone(text);
        return ok;
    }

    /// <summary>Whether a stamp .NET parsed names its zone: a trailing Z, GMT or UTC, or a sign after the date.</summary>
    private static bool HasZone(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || text.EndsWith("GMT", StringComparison.OrdinalIgnoreCase)
        || text.EndsWith("UTC", StringComparison.OrdinalIgnoreCase)
        || (text.Length > 10 && text.AsSpan(10).IndexOfAny('+', '-') >= 0);
}
