namespace FleetSim.Units;

/// <summary>
/// How FleetSim rounds the numbers it writes, so floating-point leftovers never show as values
/// (184810.9999999952 is $184,811.00; −1.4e-12 is 0): dollars to cents, shares of 1 to 6 decimals
/// (a ten-thousandth of a percentage point), anything else to 12 significant digits. Rounding is
/// half away from zero, and −0 comes out as 0. The JSON writer (<c>Reporting.JsonNumbers</c>) and
/// a sweep's per-month records (runs.csv, summary.csv) both round through here, so `merge` reads
/// back the very numbers a sweep summarized.
/// </summary>
public static class Rounding
{
    /// <summary>Dollars to cents; a value that is not finite is returned as it is.</summary>
    public static double Cents(double usd) => Clean(Math.Round(usd, 2, MidpointRounding.AwayFromZero));

    /// <summary>A share of 1 to 6 decimals; a value that is not finite is returned as it is.</summary>
    public static double Share(double share) => Clean(Math.Round(share, 6, MidpointRounding.AwayFromZero));

    /// <summary>Any other quantity to 12 significant digits; 0 and values that are not finite are returned as they are.</summary>
    public static double Significant(double value)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return Clean(value);
        }
        int digits = 12 - 1 - (int)Math.Floor(Math.Log10(Math.Abs(value)));
        if (digits >= 0 && digits <= 15)
        {
            return Clean(Math.Round(value, digits, MidpointRounding.AwayFromZero));
        }
        double scale = Math.Pow(10, digits);
        return Clean(Math.Round(value * scale, MidpointRounding.AwayFromZero) / scale);
    }

    private static double Clean(double v) => v == 0 ? 0 : v;
}
