using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FleetSim.Traffic.Traces;

/// <summary>
/// The common stamp "yyyy-MM-dd HH:mm:ss[.f…]" ('T' or ' ' between; 1 to 7 fraction digits; then nothing,
/// 'Z', or ±hh:mm), read digit by digit, remembering the last date so a day's rows skip the calendar
/// arithmetic. Anything else returns false for the general parser to try. One per reader (it is not thread-safe).
/// </summary>
internal sealed class IsoStamps
{
    private ulong _dateKey;
    private ushort _dateKeyEnd;
    private long _dateTicks = -1;

    /// <summary>True and the UTC ticks and whether a zone was given, when <paramref name="s"/> has exactly the common shape.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryParse(ReadOnlySpan<byte> s, out long utcTicks, out bool zoned)
    {
        utcTicks = 0;
        zoned = false;
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':') return false;
        if (!Date(s, out var date)) return false;
        if (!Digits(s, 11, out var hour) || !Digits(s, 14, out var minute) || !Digits(s, 17, out var second)
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
                     && Digits(s, i + 1, out var offsetHours) && Digits(s, i + 4, out var offsetMinutes)
                     && offsetHours <= 14 && offsetMinutes <= 59)
            {
                zoned = true;
                offset = (offsetHours * 60L + offsetMinutes) * TimeSpan.TicksPerMinute * (s[i] == '-' ? -1 : 1);
            }
            else return false;
        }
        utcTicks = date + ((hour * 60L + minute) * 60 + second) * TimeSpan.TicksPerSecond + fraction - offset;
        return utcTicks >= 0 && utcTicks <= DateTime.MaxValue.Ticks;
    }

    /// <summary>The ticks of the date in the first 10 bytes, from the last date seen when they are the same bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Date(ReadOnlySpan<byte> s, out long ticks)
    {
        var key = MemoryMarshal.Read<ulong>(s);
        var keyEnd = MemoryMarshal.Read<ushort>(s[8..]);
        if (_dateTicks >= 0 && key == _dateKey && keyEnd == _dateKeyEnd)
        {
            ticks = _dateTicks;
            return true;
        }
        ticks = 0;
        if (!Digits(s, 0, out var century) || !Digits(s, 2, out var years) || !Digits(s, 5, out var month) || !Digits(s, 8, out var day)) return false;
        var year = century * 100 + years;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        ticks = new DateTime(year, month, day).Ticks;
        (_dateKey, _dateKeyEnd, _dateTicks) = (key, keyEnd, ticks);
        return true;
    }

    /// <summary>Two digits at <paramref name="at"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Digits(ReadOnlySpan<byte> s, int at, out int value)
    {
        var tens = (uint)(s[at] - '0');
        var ones = (uint)(s[at + 1] - '0');
        value = (int)(tens * 10 + ones);
        return tens <= 9 && ones <= 9;
    }
}
