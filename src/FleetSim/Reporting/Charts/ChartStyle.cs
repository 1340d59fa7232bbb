using FleetSim.Units;
using ScottPlot;

namespace FleetSim.Reporting.Charts;

/// <summary>
/// The look every FleetSim chart shares: 1600×900, large type that survives being scaled to half, a
/// colour-blind-safe palette, and numbers the way people say them ($185K, 222K tok/s).
/// </summary>
public static class ChartStyle
{
    public const int Width = 1600;
    public const int Height = 900;

    public static IPalette Palette { get; } = new ScottPlot.Palettes.ColorblindFriendly();

    /// <summary>The i-th series colour; the palette's black is kept for demand, so series start at its second colour.</summary>
    public static Color Color(int index) => Palette.GetColor(index + 1);

    public static Color DemandColor => Colors.Black.WithAlpha(0.75);

    public static Color SelfHostColor => Color(4);

    public static Color ApiColor => Color(0);

    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title, 30);
        plot.XLabel(xLabel, 24);
        plot.YLabel(yLabel, 24);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 20;
        plot.Axes.Left.TickLabelStyle.FontSize = 20;
        plot.Legend.FontSize = 20;
        return plot;
    }

    public static void DollarAxis(Plot plot) =>
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => new Usd(v).ToShortString() };

    public static void QuantityAxis(Plot plot) =>
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => Quantity.Short(v) };

    /// <summary>
    /// Draws and encodes a small throw-away chart in the style of the real ones, so that the drawing
    /// library's native code, fonts and compiled paths are loaded: run on a spare thread while a verb
    /// reads its input, the verb's own charts then draw at full speed.
    /// </summary>
    public static void WarmUp()
    {
        Plot plot = NewPlot("warm-up", "hour", "tok/s");
        double[] xs = [0, 1, 2];
        var band = plot.Add.FillY(xs, xs, [1, 2, 3]);
        band.LegendText = "band";
        plot.Add.ScatterLine(xs, xs, DemandColor).LegendText = "line";
        QuantityAxis(plot);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.GetImageBytes(160, 90, ImageFormat.Png);
    }

    /// <summary>
    /// Writes the plot as a PNG at the shared size, with <paramref name="provenance"/> in its text metadata when
    /// given, to a temporary name first so a failure leaves no half file.
    /// </summary>
    public static void Save(Plot plot, string path, Provenance? provenance = null, int width = Width, int height = Height)
    {
        byte[] png = plot.GetImageBytes(width, height, ImageFormat.Png);
        string temp = path + ".partial.png";
        File.WriteAllBytes(temp, provenance is null ? png : PngText.With(png, provenance));
        File.Move(temp, path, overwrite: true);
    }
}
