using System.Globalization;
using FleetSim.Units;
using ScottPlot;

namespace FleetSim.Reporting.Charts;

/// <summary>
/// The look every FleetSim chart shares: 1600×900, large type that survives being scaled to half, the
/// <see cref="ChartPalette"/> (a policy keeps its colour everywhere), the legend in a panel to the right
/// of the data area (never over it), and numbers the way people say them ($185K, 222K tok/s).
/// </summary>
public static class ChartStyle
{
    /// <summary>Chart width in pixels.</summary>
    public const int Width = 1600;

    /// <summary>Chart height in pixels.</summary>
    public const int Height = 900;

    /// <summary>Title type size in pixels before <see cref="Fit"/> shrinks or wraps a title too wide for the figure.</summary>
    public const float TitleSize = 30;

    /// <summary>Legend labels longer than this many characters are wrapped onto further lines at spaces.</summary>
    public const int LegendLineChars = 34;

    /// <summary><see cref="ChartPalette.Demand"/>.</summary>
    public static Color DemandColor => ChartPalette.Demand;

    /// <summary><see cref="ChartPalette.SelfHost"/>.</summary>
    public static Color SelfHostColor => ChartPalette.SelfHost;

    /// <summary><see cref="ChartPalette.Api"/>.</summary>
    public static Color ApiColor => ChartPalette.Api;

    /// <summary>
    /// A plot with the shared type sizes (title <see cref="TitleSize"/> px bold, axis labels 24 px, ticks
    /// and legend 20 px) and the title centred over the figure's left edge to the data area's right, so a
    /// legend panel on the right does not push it off the image.
    /// </summary>
    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title, TitleSize);
        plot.Axes.Title.FullFigureCenter = true;
        plot.XLabel(xLabel, 24);
        plot.YLabel(yLabel, 24);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 20;
        plot.Axes.Left.TickLabelStyle.FontSize = 20;
        plot.Legend.FontSize = 20;
        return plot;
    }

    /// <summary>Left-axis ticks as short dollars ($185K).</summary>
    public static void DollarAxis(Plot plot) =>
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => new Usd(v).ToShortString() };

    /// <summary>Bottom-axis ticks as short dollars ($185K).</summary>
    public static void DollarAxisBottom(Plot plot) =>
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => new Usd(v).ToShortString() };

    /// <summary>Left-axis ticks as short quantities (222K).</summary>
    public static void QuantityAxis(Plot plot) =>
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => Quantity.Short(v) };

    /// <summary>Left-axis ticks as whole percents (values already in %: 0–100).</summary>
    public static void PercentAxis(Plot plot) =>
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v.ToString("0.#", CultureInfo.InvariantCulture) + " %" };

    /// <summary>
    /// Shows the legend in its own panel to the right of the data area, so it never covers data: the data
    /// area shrinks to make room. Long labels are wrapped by <see cref="Fit"/>.
    /// </summary>
    public static void LegendOutside(Plot plot)
    {
        plot.Legend.Layout = new StackedLegendLayout();
        plot.Legend.SymbolWidth = 40;
        plot.ShowLegend(Edge.Right);
    }

    /// <summary>
    /// Line width and pattern for the <paramref name="index"/>-th of <paramref name="count"/> lines that may
    /// coincide (capacity of policies that choose the same fleet): earlier lines are wider and later ones
    /// narrower and broken (only the first is solid), so where lines lie on top of each other each still
    /// shows: the earlier colour edges the later ones and shows through their gaps. Widths run from 2.5 px
    /// (the last line) up in steps of 1.2 px, for at most seven steps.
    /// </summary>
    public static (float Width, LinePattern Pattern) Overlapping(int index, int count)
    {
        LinePattern[] patterns = [LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];
        float width = 2.5f + (1.2f * Math.Min(6, Math.Max(0, count - 1 - index)));
        return (width, index == 0 ? LinePattern.Solid : patterns[(index - 1) % patterns.Length]);
    }

    /// <summary>Sets a line's width and pattern by <see cref="Overlapping"/>.</summary>
    public static void Distinguish(ScottPlot.Plottables.Scatter line, int index, int count)
    {
        (line.LineWidth, line.LinePattern) = Overlapping(index, count);
    }

    /// <summary>
    /// Axis limits fitted to the data: from <paramref name="min"/> to <paramref name="max"/> (NaN ignored by
    /// the caller) widened by <paramref name="pad"/> of the span on each side and rounded out to the nearest
    /// <paramref name="step"/>; the lower limit is never below <paramref name="floor"/> (e.g. 0 for
    /// quantities that cannot be negative), the upper never above <paramref name="ceiling"/> (e.g. 100 %)
    /// unless the data pass it, and a zero span is widened to one step.
    /// </summary>
    public static (double Low, double High) Fitted(
        double min, double max, double step, double floor = double.NegativeInfinity, double ceiling = double.PositiveInfinity, double pad = 0.05)
    {
        double span = Math.Max(max - min, step);
        double low = Math.Max(floor, Math.Floor((min - (span * pad)) / step) * step);
        double high = Math.Ceiling((max + (span * pad)) / step) * step;
        if (max <= ceiling)
        {
            high = Math.Min(high, ceiling);
        }
        return (low, high > low ? high : low + step);
    }

    /// <summary>
    /// Fits the chart's text to the <paramref name="width"/>×<paramref name="height"/> figure, by laying it
    /// out once: a title wider than the space over the data area shrinks a little and then wraps onto
    /// two lines; axis labels longer than their axis shrink and wrap the same way; legend labels wrap at
    /// <see cref="LegendLineChars"/> characters (and the legend's type shrinks if it is taller than the
    /// figure); bottom tick labels (of a manual tick list: categories, spends) wrap at spaces to the
    /// distance between ticks, and any that would still overlap their neighbour move down a row.
    /// </summary>
    public static void Fit(Plot plot, int width = Width, int height = Height)
    {
        WrapLegend(plot);
        LayOut(plot, width, height);
        PixelRect data = plot.RenderManager.LastRender.DataRect;
        using Paint paint = Paint.NewDisposablePaint();

        FitLabel(plot.Axes.Title.Label, data.Right - 16, 22, paint);
        FitLabel(plot.Axes.Bottom.Label, data.Width - 8, 18, paint);
        FitLabel(plot.Axes.Left.Label, data.Height - 8, 18, paint);
        if (plot.Axes.Right.Label.Text.Length > 0)
        {
            FitLabel(plot.Axes.Right.Label, data.Height - 8, 18, paint);
        }
        if (plot.Legend.LastRenderSize.Height > height - 40)
        {
            plot.Legend.FontSize = 15;
        }
        StaggerBottomTicks(plot, paint);
    }

    /// <summary>Wraps <paramref name="text"/> at spaces into lines of at most <paramref name="chars"/> characters (a longer word keeps its own line).</summary>
    public static string Wrap(string text, int chars)
    {
        var lines = new List<string>();
        string line = "";
        foreach (string word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > chars)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = line.Length == 0 ? word : line + " " + word;
            }
        }
        lines.Add(line);
        return string.Join("\n", lines);
    }

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
        LegendOutside(plot);
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

    /// <summary>
    /// Lays the figure out by rendering it once in memory. The layout (panels, ticks, legend) depends on
    /// the axis limits, not on the data drawn, so when every axis in use has its limits set the data are
    /// hidden for this pass: a week of minutes in nine lines would otherwise be drawn twice.
    /// </summary>
    private static void LayOut(Plot plot, int width, int height)
    {
        IPlottable[] drawn = [.. plot.GetPlottables().Where(p => p.IsVisible)];
        bool limitsSet = drawn.All(p => p.Axes.XAxis?.Range.HasBeenSet != false && p.Axes.YAxis?.Range.HasBeenSet != false);
        IPlottable[] hidden = limitsSet ? drawn : [];
        foreach (IPlottable p in hidden)
        {
            p.IsVisible = false;
        }
        try
        {
            plot.RenderInMemory(width, height);
        }
        finally
        {
            foreach (IPlottable p in hidden)
            {
                p.IsVisible = true;
            }
        }
    }

    private static void WrapLegend(Plot plot)
    {
        if (!plot.Legend.DisplayPlottableLegendItems)
        {
            return;
        }
        LegendItem[] items = plot.Legend.GetItems();
        foreach (LegendItem item in items)
        {
            item.LabelText = Wrap(item.LabelText, LegendLineChars);
        }
        plot.Legend.DisplayPlottableLegendItems = false;
        plot.Legend.ManualItems = [.. items];
    }

    private static void FitLabel(LabelStyle label, float room, float smallest, Paint paint)
    {
        if (label.Text.Length == 0)
        {
            return;
        }
        // First a slightly smaller single line (down to 85 % of the size), then two lines split at the
        // space nearest the middle, shrinking only as far as they must (never below the smallest size given,
        // then 12 px as a last resort).
        string text = label.Text;
        float size = label.FontSize;
        bool Fits() => label.Measure(label.Text, paint).Width <= room;
        while (!Fits() && label.FontSize > Math.Max(smallest, size * 0.85f))
        {
            label.FontSize -= 1;
        }
        if (Fits())
        {
            return;
        }
        int middle = text.Length / 2;
        int cut = Enumerable.Range(0, text.Length).Where(i => text[i] == ' ').OrderBy(i => Math.Abs(i - middle)).DefaultIfEmpty(-1).First();
        if (cut > 0)
        {
            label.Text = text[..cut] + "\n" + text[(cut + 1)..];
            label.FontSize = size;
        }
        while (!Fits() && label.FontSize > smallest)
        {
            label.FontSize -= 1;
        }
        while (!Fits() && label.FontSize > 12)
        {
            label.FontSize -= 1;
        }
    }

    private static void StaggerBottomTicks(Plot plot, Paint paint)
    {
        if (plot.Axes.Bottom.TickGenerator is not ScottPlot.TickGenerators.NumericManual manual)
        {
            return;
        }
        Tick[] ticks = [.. manual.Ticks.Where(t => t.IsMajor && t.Label.Length > 0).OrderBy(t => t.Position)];
        if (ticks.Length == 0)
        {
            return;
        }
        LabelStyle style = plot.Axes.Bottom.TickLabelStyle;
        float[] xs = [.. ticks.Select(t => plot.GetPixel(new Coordinates(t.Position, 0), plot.Axes.Bottom, plot.Axes.Left).X)];
        float pitch = xs.Length < 2 ? float.PositiveInfinity : xs.Zip(xs.Skip(1), (a, b) => b - a).Min();
        // Wrap each label at spaces to the distance between ticks, so long category names stack rather than collide.
        string[] labels = [.. ticks.Select(t => WrapToWidth(t.Label, pitch - 10, style, paint))];
        int lines = labels.Max(l => l.Split('\n').Length);
        // Labels still wider than their room go to the first row (a band of `lines` lines) where they clear
        // the label before them.
        var rowRight = new List<float>();
        var result = new List<Tick>();
        bool changed = labels.Where((l, i) => l != ticks[i].Label).Any();
        for (int i = 0; i < ticks.Length; i++)
        {
            float half = style.Measure(labels[i], paint).Width / 2;
            int row = rowRight.FindIndex(right => xs[i] - half >= right + 6);
            if (row < 0)
            {
                rowRight.Add(0);
                row = rowRight.Count - 1;
            }
            rowRight[row] = xs[i] + half;
            changed |= row > 0;
            result.Add(new Tick(ticks[i].Position, new string('\n', row * lines) + labels[i], true));
        }
        if (changed)
        {
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. result, .. manual.Ticks.Where(t => !t.IsMajor || t.Label.Length == 0)]);
        }
    }

    private static string WrapToWidth(string text, float room, LabelStyle style, Paint paint)
    {
        if (style.Measure(text, paint).Width <= room || !text.Contains(' ', StringComparison.Ordinal))
        {
            return text;
        }
        var lines = new List<string>();
        string line = "";
        foreach (string word in text.Split(' '))
        {
            string longer = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && style.Measure(longer, paint).Width > room)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = longer;
            }
        }
        lines.Add(line);
        return string.Join("\n", lines);
    }
}
