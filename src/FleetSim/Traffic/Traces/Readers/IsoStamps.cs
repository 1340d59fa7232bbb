namespace FleetSim.Traffic.Traces;

/// <summary>
/// The common stamp "yyyy-MM-dd HH:mm:ss[.f…]" ('T' or ' ' between; 1 to 7 fraction digits; then nothing,
/// 'Z', or ±hh:mm), read digit by digit. Anything else returns false for the general parser to try.
/// </summary>
internal static class IsoStamps
{
    /// <summary>True and the UTC ticks and whether a zone was given, when <paramref name="s"/> has exactly the common shape.</summary>
    public static bool TryParse(ReadOnlySpan<byte> s, out long utcTicks, out bool zoned)
    {
        utcTicks = 0;
        zoned = false;
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':') return false;
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second)) return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59) return false;
        long fraction = 0;
        var i = 19;
        if (i < s.Length && s[i] == '.')
        {
            var digits = 0;
            for (i++; i < s.Length && (uint)(s[i] - '0') <= 9; i++, digits++)
            {
                if (digits == 7) return false;
                fraction = fraction * 10 + (s[i] - '0');
            }
            if (digits == 0) return false;
            for (; digits < 7; digits++) fraction *= 10;
        }
        long offset = 0;
        if (i < s.Length)
        {
            if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == s.Length) zoned = true;
            else if ((s[i] == '+' || s[i] == '-') && i + 6 == s.Length && s[i + 3] == ':'
                     && Digits(s, i + 1, 2, out var offsetHours) && Digits(s, i + 4, 2, out var offsetMinutes)
                     && offsetHours <= 14 && offsetMinutes <= 59)
            {
                zoned = true;
                offset = (offsetHours * 60L + offsetMinutes) * TimeSpan.TicksPerMinute * (s[i] == '-' ? -1 : 1);
            }
            else return false;
        }
        var local = new DateTime(year, month, day, hour, minute, second).Ticks + fraction;
        utcTicks = local - offset;
        return utcTicks >= 0 && utcTicks <= DateTime.MaxValue.Ticks;
    }

    private static bool Digits(ReadOnlySpan<byte> s, int at, int count, out int value)
    {
        value = 0;
        for (var k = at; k < at + count; k++)
        {
            var digit = (uint)(s[k] - '0');
            if (digit > 9) return false;
            value = value * 10 + (int)digit;
        }
        return true;
    }
}
