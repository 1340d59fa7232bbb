using System.Globalization;

namespace FleetSim.Traffic.Traces;

/// <summary>Numbers in UTF-8 fields: whole numbers by a short digit loop, anything else by the invariant-culture parser.</summary>
internal static class Numbers
{
    /// <summary>True and the finite value of <paramref name="text"/> (already trimmed); false when it is not a finite number.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        if (text.Length is > 0 and <= 15)
        {
            long whole = 0;
            var i = 0;
            for (; i < text.Length; i++)
            {
                var digit = (uint)(text[i] - '0');
                if (digit > 9) break;
                whole = whole * 10 + digit;
            }
            if (i == text.Length)
            {
                value = whole;
                return true;
            }
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }
}
