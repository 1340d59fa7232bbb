using System.Globalization;

namespace FleetSim.Reporting;

/// <summary>
/// How every table and chart writes a share as a percentage: a value that rounds to zero is "0.0 %",
/// never "-0.0 %" (floating-point leftovers such as -1e-12 are not losses), and a savings share with no
/// API bill to save on is "n/a" rather than a precise-looking 0.0 %.
/// </summary>
public static class Percent
{
    /// <summary>
    /// <paramref name="share"/> (1 = 100 %) with <paramref name="decimals"/> decimals, e.g. 0.1234 → "12.3 %";
    /// NaN → "n/a".
    /// </summary>
    public static string Format(double share, int decimals = 1)
    {
        if (double.IsNaN(share))
        {
            return "n/a";
        }
        string format = decimals == 0 ? "0 %" : "0." + new string('0', decimals) + " %";
        string text = share.ToString(format, CultureInfo.InvariantCulture);
        return text.StartsWith('-') && Math.Abs(share) * 100 < 0.5 * Math.Pow(10, -decimals) ? text[1..] : text;
    }

    /// <summary>A savings share, or "n/a" when there is none (no API bill to save on: see <see cref="Economics.Bill.SavingsShare"/>).</summary>
    public static string Savings(double? share) => share is { } s ? Format(s) : "n/a";
}
