using System.Globalization;

namespace FleetSim.Scenario;

/// <summary>
/// Reads numbers the way capacity planners write them: 583e9, 583_000_000_000, 583B, 26.6K, 0.317.
/// Suffixes K, M, B (or G) and T multiply by 1e3, 1e6, 1e9 and 1e12.
/// </summary>
public static class YamlNumbers
{
    public static bool TryParse(string text, out double value)
    {
        value = 0;
        string s = text.Trim().Replace("_", "", StringComparison.Ordinal);
        if (s.Length == 0)
        {
            return false;
        }
        double multiplier = char.ToUpperInvariant(s[^1]) switch
        {
            'K' => 1e3,
            'M' => 1e6,
            'B' or 'G' => 1e9,
            'T' => 1e12,
            _ => 1,
        };
        if (multiplier != 1)
        {
            s = s[..^1];
        }
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
        {
            return false;
        }
        value = v * multiplier;
        return true;
    }
}
