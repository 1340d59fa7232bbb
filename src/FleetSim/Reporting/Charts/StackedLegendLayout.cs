using ScottPlot;

namespace FleetSim.Reporting.Charts;

/// <summary>
/// A legend of one column where each entry is as tall as its own label: a label wrapped onto two lines
/// takes two lines' height without every other entry growing to match (the drawing library's default
/// layout gives every entry the tallest entry's height). Sizes are in pixels, measured with the
/// entries' own label styles.
/// </summary>
internal sealed class StackedLegendLayout : ILegendLayout
{
    public LegendLayout GetLayout(Legend legend, LegendItem[] items, PixelSize maxSize, Paint paint)
    {
        var labelRects = new PixelRect[items.Length];
        var symbolRects = new PixelRect[items.Length];
        float top = 0, widest = 0;
        for (int i = 0; i < items.Length; i++)
        {
            PixelSize label = items[i].LabelStyle.Measure(items[i].LabelText, paint).Size;
            float symbolWidth = Math.Max(legend.SymbolWidth, items[i].MarkerStyle.Size);
            float height = Math.Max(label.Height, Math.Max(legend.SymbolHeight, items[i].MarkerStyle.Size));
            float left = legend.Padding.Left;
            float y = legend.Padding.Top + top;
            symbolRects[i] = new PixelRect(left, left + symbolWidth, y + height, y);
            float labelLeft = left + symbolWidth + legend.SymbolPadding;
            labelRects[i] = new PixelRect(labelLeft, labelLeft + label.Width, y + height, y);
            widest = Math.Max(widest, symbolWidth + legend.SymbolPadding + label.Width);
            top += height + legend.InterItemPadding.Bottom;
        }
        float contentHeight = Math.Max(0, top - legend.InterItemPadding.Bottom);
        var rect = new PixelRect(0, widest + legend.Padding.Horizontal, contentHeight + legend.Padding.Vertical, 0);
        return new LegendLayout
        {
            LegendItems = items,
            LegendRect = rect,
            LabelRects = labelRects,
            SymbolRects = symbolRects,
        };
    }
}
