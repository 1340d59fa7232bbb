using ScottPlot;

namespace FleetSim.Tests.Reporting;

/// <summary>
/// What a reader of a 1600×900 chart needs, checked on the chart's own layout (the drawing library lays
/// the figure out, then each text element is measured with its own style): every text element inside
/// the image, tick labels that do not overlap, the legend outside the data area and not cut off, and no
/// two legend entries that look alike (same colour and line pattern).
/// </summary>
internal static class ChartReadability
{
    public const int Width = 1600;
    public const int Height = 900;

    /// <summary>The least space, in pixels, between two tick labels on one line: about one space of the 20 px tick type.</summary>
    public const float MinimumGap = 6;

    /// <summary>Each way <paramref name="plot"/>, laid out at 1600×900, fails a reader; empty when none.</summary>
    public static List<string> Problems(Plot plot)
    {
        plot.RenderInMemory(Width, Height);
        RenderDetails render = plot.RenderManager.LastRender;
        PixelRect data = render.DataRect;
        using Paint paint = Paint.NewDisposablePaint();
        var problems = new List<string>();

        // The title is centred over the data area, or over the figure's left edge to the data area's right.
        LabelStyle title = plot.Axes.Title.Label;
        if (title.Text.Length > 0)
        {
            float left = plot.Axes.Title.FullFigureCenter ? 0 : data.Left;
            InsideHorizontally(problems, "title", title, (left + data.Right) / 2, paint);
        }
        InsideHorizontally(problems, "x-axis label", plot.Axes.Bottom.Label, data.HorizontalCenter, paint);
        InsideVertically(problems, "y-axis label", plot.Axes.Left.Label, data.VerticalCenter, paint);
        InsideVertically(problems, "right y-axis label", plot.Axes.Right.Label, data.VerticalCenter, paint);

        BottomTicks(problems, plot, paint);
        SideTicks(problems, plot, plot.Axes.Left, "left", paint);
        SideTicks(problems, plot, plot.Axes.Right, "right", paint);
        BarLabels(problems, plot, data, paint);
        Legend(problems, plot, render, paint);
        Swatches(problems, plot);
        return problems;
    }

    private static void InsideHorizontally(List<string> problems, string what, LabelStyle label, float centre, Paint paint)
    {
        if (label.Text.Length == 0 || !label.IsVisible)
        {
            return;
        }
        float half = label.Measure(label.Text, paint).Width / 2;
        if (centre - half < 0 || centre + half > Width)
        {
            problems.Add($"{what} '{label.Text}' spans x {centre - half:0} to {centre + half:0}: cut off by the {Width} px image");
        }
    }

    private static void InsideVertically(List<string> problems, string what, LabelStyle label, float centre, Paint paint)
    {
        if (label.Text.Length == 0 || !label.IsVisible)
        {
            return;
        }
        // Axis labels on the side are rotated a quarter turn: their text runs vertically.
        float half = label.Measure(label.Text, paint).Width / 2;
        if (centre - half < 0 || centre + half > Height)
        {
            problems.Add($"{what} '{label.Text}' spans y {centre - half:0} to {centre + half:0}: cut off by the {Height} px image");
        }
    }

    private static IEnumerable<Tick> Labelled(IAxis axis)
    {
        CoordinateRangeMutable range = axis.Range;
        return axis.TickGenerator.Ticks.Where(t => t.IsMajor && t.Label.Trim().Length > 0
                                                   && t.Position >= Math.Min(range.Min, range.Max) && t.Position <= Math.Max(range.Min, range.Max));
    }

    private static void BottomTicks(List<string> problems, Plot plot, Paint paint)
    {
        LabelStyle style = plot.Axes.Bottom.TickLabelStyle;
        var placed = Labelled(plot.Axes.Bottom)
            .Select(t =>
            {
                float x = plot.GetPixel(new Coordinates(t.Position, 0), plot.Axes.Bottom, plot.Axes.Left).X;
                string text = t.Label.TrimStart('\n');
                float half = style.Measure(text, paint).Width / 2;
                // A label may start lower (leading empty lines) and run over several lines.
                int first = t.Label.Length - text.Length;
                return (Label: text.Replace('\n', ' '), Left: x - half, Right: x + half, First: first, Last: first + text.Split('\n').Length - 1);
            })
            .OrderBy(p => p.Left)
            .ToList();
        foreach (var p in placed.Where(p => p.Left < 0 || p.Right > Width))
        {
            problems.Add($"x tick label '{p.Label}' spans x {p.Left:0} to {p.Right:0}: cut off by the image");
        }
        for (int i = 0; i < placed.Count; i++)
        {
            // Labels on a line closer than MinimumGap read as one ("$185K$250K").
            for (int j = i + 1; j < placed.Count && placed[j].Left < placed[i].Right + MinimumGap; j++)
            {
                if (placed[j].First <= placed[i].Last && placed[i].First <= placed[j].Last)
                {
                    problems.Add($"x tick labels '{placed[i].Label}' and '{placed[j].Label}' overlap or touch");
                }
            }
        }
    }

    private static void SideTicks(List<string> problems, Plot plot, IYAxis axis, string side, Paint paint)
    {
        if (!plot.GetPlottables().Any(p => p.Axes.YAxis == axis))
        {
            return;
        }
        LabelStyle style = axis.TickLabelStyle;
        var placed = Labelled(axis)
            .Select(t =>
            {
                float y = plot.GetPixel(new Coordinates(0, t.Position), plot.Axes.Bottom, axis).Y;
                float half = style.Measure(t.Label, paint).Height / 2;
                return (t.Label, Top: y - half, Bottom: y + half);
            })
            .OrderBy(p => p.Top)
            .ToList();
        foreach (var p in placed.Where(p => p.Top < 0 || p.Bottom > Height))
        {
            problems.Add($"{side} tick label '{p.Label}' spans y {p.Top:0} to {p.Bottom:0}: cut off by the image");
        }
        for (int i = 1; i < placed.Count; i++)
        {
            if (placed[i].Top < placed[i - 1].Bottom - 1)
            {
                problems.Add($"{side} tick labels '{placed[i - 1].Label}' and '{placed[i].Label}' overlap");
            }
        }
    }

    /// <summary>Value labels over bars stay inside the data area (not over the title) and clear of their neighbours.</summary>
    private static void BarLabels(List<string> problems, Plot plot, PixelRect data, Paint paint)
    {
        foreach (var bars in plot.GetPlottables().OfType<ScottPlot.Plottables.BarPlot>())
        {
            var placed = bars.Bars.Where(b => !string.IsNullOrEmpty(b.Label))
                .Select(b =>
                {
                    Pixel top = plot.GetPixel(new Coordinates(b.Position, b.Value), bars.Axes.XAxis, bars.Axes.YAxis);
                    PixelSize size = bars.ValueLabelStyle.Measure(b.Label, paint).Size;
                    return (b.Label, Left: top.X - (size.Width / 2), Right: top.X + (size.Width / 2), Top: top.Y - size.Height);
                })
                .OrderBy(p => p.Left)
                .ToList();
            foreach (var p in placed.Where(p => p.Top < data.Top))
            {
                problems.Add($"bar label '{p.Label.Replace('\n', ' ')}' rises {data.Top - p.Top:0} px above the data area");
            }
            for (int i = 1; i < placed.Count; i++)
            {
                if (placed[i].Left < placed[i - 1].Right + MinimumGap)
                {
                    problems.Add($"bar labels '{placed[i - 1].Label.Replace('\n', ' ')}' and '{placed[i].Label.Replace('\n', ' ')}' overlap or touch");
                }
            }
        }
    }

    private static void Legend(List<string> problems, Plot plot, RenderDetails render, Paint paint)
    {
        LegendItem[] items = plot.Legend.GetItems();
        if (items.Length == 0)
        {
            return;
        }
        PixelRect data = render.DataRect;
        var panel = render.Layout.PanelOffsets.Keys.OfType<ScottPlot.Panels.LegendPanel>().FirstOrDefault();
        if (panel is null)
        {
            PixelSize size = plot.Legend.LastRenderSize;
            problems.Add($"the legend ({size.Width:0}×{size.Height:0} px) is drawn inside the data area, over the data");
            return;
        }
        PixelRect rect = panel.GetPanelRect(data, render.Layout.PanelSizes[panel], render.Layout.PanelOffsets[panel], paint);
        PixelSize legend = plot.Legend.LastRenderSize;
        float overlapX = Math.Min(rect.Right, data.Right) - Math.Max(rect.Left, data.Left);
        float overlapY = Math.Min(rect.Bottom, data.Bottom) - Math.Max(rect.Top, data.Top);
        if (overlapX > 0.5f && overlapY > 0.5f)
        {
            problems.Add($"the legend's panel {rect} intersects the data area {data}");
        }
        if (rect.Left < -0.5f || rect.Right > Width + 0.5f || rect.Top < -0.5f || rect.Bottom > Height + 0.5f)
        {
            problems.Add($"the legend's panel {rect} runs outside the image");
        }
        if (legend.Width > rect.Width + 0.5f || legend.Height > rect.Height + 0.5f)
        {
            problems.Add($"the legend ({legend.Width:0}×{legend.Height:0} px) is larger than its panel ({rect.Width:0}×{rect.Height:0} px): cut off");
        }
    }

    /// <summary>The colour a legend entry is recognised by: its line's, else its fill's, else its marker's.</summary>
    public static Color Colour(LegendItem item) =>
        item.LineWidth > 0 && item.LineColor.A > 0 ? item.LineColor
        : item.FillColor.A > 0 ? item.FillColor
        : item.MarkerColor;

    private static void Swatches(List<string> problems, Plot plot)
    {
        foreach (var same in plot.Legend.GetItems().GroupBy(i => (Colour(i), Pattern: i.LineWidth > 0 ? i.LinePattern.Name : "fill")).Where(g => g.Count() > 1))
        {
            problems.Add($"legend entries {string.Join(", ", same.Select(i => $"'{i.LabelText}'"))} share colour {same.Key.Item1.ToHex()} and pattern");
        }
    }
}
