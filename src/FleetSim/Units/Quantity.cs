using System.Globalization;

namespace FleetSim.Units;

/// <summary>Formats large numbers the way capacity planners say them: 583B, 26.6K, 1.2M.</summary>
public static class Quantity
{
    private static readonly (double Scale, string Suffix)[] Scales =
    [
        (1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"),
    ];

    /// <summary>
    /// A count and its noun, in the plural unless the count is exactly one: "1 replica", "0 replicas",
    /// "1,024 GPUs". <paramref name="plural"/> defaults to the noun with an "s".
    /// </summary>
    public static string Count(long n, string noun, string? plural = null) =>
        n.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture) + " " + (n == 1 ? noun : plural ?? noun + "s");

    /// <summary>A K/M/B/T suffix and about three significant figures: 583B, 26.6K (four with <paramref name="precise"/>: 279.6B).</summary>
    public static string Short(double value, bool precise = false)
    {
        double abs = Math.Abs(value);
        foreach (var (scale, suffix) in Scales)
        {
            if (abs >= scale * 0.9995)
            {
                return Trim(value / scale, precise) + suffix;
            }
        }
        return Trim(value, precise);
    }

    private static string Trim(double v, bool precise)
    {
        double abs = Math.Abs(v);
        string format = (abs >= 100, abs >= 10, precise) switch
        {
            (true, _, false) => "0",
            (true, _, true) or (false, true, false) => "0.#",
            (false, true, true) => "0.##",
            _ => precise ? "0.###" : "0.##",
        };
        return v.ToString(format, CultureInfo.InvariantCulture);
    }
}
