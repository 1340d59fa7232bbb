using ScottPlot;

namespace FleetSim.Reporting.Charts;

/// <summary>
/// Every colour a FleetSim chart draws with. A policy's colour is keyed by its name, so floor is the same
/// blue in compare.png, timeline.png, the report and sweep.png whatever other policies are drawn beside it.
/// Hues follow Okabe and Ito's colour-blind-safe set ("Color Universal Design", 2008), darkened where
/// needed so that every colour has a WCAG 2.x contrast ratio of at least 3:1 on white
/// (<see cref="MinimumContrast"/>, the success criterion 1.4.11 threshold for graphical objects).
/// </summary>
public static class ChartPalette
{
    /// <summary>The least contrast ratio on white any palette colour has (WCAG 2.x, SC 1.4.11 non-text contrast).</summary>
    public const double MinimumContrast = 3.0;

    /// <summary>Demand lines and bands: near-black.</summary>
    public static Color Demand { get; } = Color.FromHex("#404040");

    /// <summary>Self-hosted tokens and self-host cost: blue (as in every chart that splits the bill).</summary>
    public static Color SelfHost { get; } = Color.FromHex("#3D85C6");

    /// <summary>Tokens spilled to the API and API cost: amber.</summary>
    public static Color Api { get; } = Color.FromHex("#C77800");

    /// <summary>The all-API reference line: crimson.</summary>
    public static Color AllApi { get; } = Color.FromHex("#B2182B");

    /// <summary>The savings-ceiling reference line: olive.</summary>
    public static Color Ceiling { get; } = Color.FromHex("#5A7D00");

    /// <summary>Lines that stand for a category rather than a series (e.g. a sweep's grid-point patterns): mid grey.</summary>
    public static Color Key { get; } = Color.FromHex("#555555");

    /// <summary>
    /// The fixed colour of each policy name of <c>PolicyFactory.Names</c> (a name's base: "static:4" is
    /// "static", "predictive (Holt-Winters)" is "predictive"). The oracle, a bound rather than a policy, is grey.
    /// </summary>
    public static IReadOnlyDictionary<string, Color> Policies { get; } = new Dictionary<string, Color>
    {
        ["static"] = Color.FromHex("#8C510A"),
        ["floor"] = Color.FromHex("#0072B2"),
        ["breakeven"] = Color.FromHex("#D55E00"),
        ["schedule"] = Color.FromHex("#009E73"),
        ["reactive"] = Color.FromHex("#C2378A"),
        ["predictive"] = Color.FromHex("#5E3C99"),
        ["oracle"] = Color.FromHex("#6E6E6E"),
    };

    /// <summary>Colours for names without their own (or a second "static:N"), handed out in this order.</summary>
    public static IReadOnlyList<Color> Spare { get; } =
    [
        Color.FromHex("#00838F"), Color.FromHex("#2D3F8F"), Color.FromHex("#8A6D00"), Color.FromHex("#7A1F3D"), Color.FromHex("#3E6B48"),
    ];

    /// <summary>Every named colour of the palette (roles, policies, spares): what the contrast test checks.</summary>
    public static IReadOnlyList<Color> All { get; } = [Demand, SelfHost, Api, AllApi, Ceiling, Key, .. Policies.Values, .. Spare];

    /// <summary>
    /// One colour per name, in the names' order: a known policy's own colour, else (or when two names share
    /// a base, like static:4 and static:6) the first spare colour not yet used in this set, so no two names
    /// of one chart share a colour. Past the spares, colours are generated deterministically (golden-angle
    /// hues, darkened to <see cref="MinimumContrast"/>).
    /// </summary>
    public static Color[] For(IReadOnlyList<string> names)
    {
        var result = new Color[names.Count];
        var taken = new HashSet<Color>();
        var pending = new List<int>();
        for (int i = 0; i < names.Count; i++)
        {
            if (Policies.TryGetValue(BaseName(names[i]), out Color own) && taken.Add(own))
            {
                result[i] = own;
            }
            else
            {
                pending.Add(i);
            }
        }
        int generated = 0;
        foreach (int i in pending)
        {
            Color? spare = Spare.Where(c => !taken.Contains(c)).Select(c => (Color?)c).FirstOrDefault();
            Color pick = spare ?? Generated(generated++);
            while (!taken.Add(pick))
            {
                pick = Generated(generated++);
            }
            result[i] = pick;
        }
        return result;
    }

    /// <summary>A policy's own colour when drawn alone (<see cref="For"/> of the one name).</summary>
    public static Color Of(string name) => For([name])[0];

    /// <summary>The key a policy name's colour is looked up by: the text before a ':' or " (".</summary>
    public static string BaseName(string name)
    {
        int cut = name.IndexOfAny([':', '(']);
        return (cut < 0 ? name : name[..cut]).Trim();
    }

    /// <summary>
    /// WCAG 2.x contrast ratio of <paramref name="color"/> (its alpha composited on white) against white:
    /// (1.05) / (L + 0.05), L the relative luminance from linearised sRGB, between 1 and 21.
    /// </summary>
    public static double ContrastOnWhite(Color color)
    {
        double a = color.A / 255.0;
        double Channel(byte c)
        {
            double s = (c / 255.0 * a) + (1 - a);
            return s <= 0.03928 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
        }
        double luminance = (0.2126 * Channel(color.R)) + (0.7152 * Channel(color.G)) + (0.0722 * Channel(color.B));
        return 1.05 / (luminance + 0.05);
    }

    private static Color Generated(int k)
    {
        Color c = Color.FromHSL((float)((k * 0.381966) % 1.0), 0.65f, 0.42f);
        while (ContrastOnWhite(c) < MinimumContrast + 0.2)
        {
            c = new Color((byte)(c.R * 0.9), (byte)(c.G * 0.9), (byte)(c.B * 0.9));
        }
        return c;
    }
}
