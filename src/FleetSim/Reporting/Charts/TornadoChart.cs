using FleetSim.Runs;
using FleetSim.Units;
using ScottPlot;

namespace FleetSim.Reporting.Charts;

/// <summary>
/// sensitivity.png: a tornado of the planned fleet's savings when one figure is off. One bar per
/// figure, widest swing on top, running from its worst case to its best; the planned savings and
/// break-even (no savings) are vertical lines, so a bar that crosses zero is a verdict that turns.
/// </summary>
public static class TornadoChart
{
    public static Plot Draw(Sensitivity sensitivity)
    {
        double planned = sensitivity.Nominal.Bill.Savings.Value;
        string fleet = Units.Quantity.Count(sensitivity.Nominal.Fleet.Replicas, "replica");
        string title = sensitivity.VerdictHolds
            ? $"The scenario's {fleet} if a figure is off: {(planned > 0 ? "self-hosting still saves" : "self-hosting still loses")} in every case"
            : $"The scenario's {fleet} if a figure is off: the verdict turns where a bar crosses zero";
        int minutes = sensitivity.Nominal.Demand.Minutes;
        string period = minutes == 730 * 60 ? "month" : $"{minutes / 60.0:0.#} h";
        Plot plot = ChartStyle.NewPlot(title, $"savings against all-API, per {period}", "");
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        int count = sensitivity.Factors.Count;
        for (int i = 0; i < count; i++)
        {
            SensitivityFactor factor = sensitivity.Factors[i];
            double y = count - 1 - i; // widest on top
            SensitivityCase worst = factor.Cases.MinBy(c => c.Bill.Savings.Value)!;
            SensitivityCase best = factor.Cases.MaxBy(c => c.Bill.Savings.Value)!;
            double low = Math.Min(worst.Bill.Savings.Value, planned), high = Math.Max(best.Bill.Savings.Value, planned);
            // Each bar runs from the planned savings out to its worst (left) or best (right) case.
            bars.Add(FromPlan(y, planned, low, ChartStyle.ApiColor));
            bars.Add(FromPlan(y, planned, high, ChartStyle.SelfHostColor));
            ticks.Add(new Tick(y, factor.Name));
            // Each end says which case it is, outside its bar: the worst to the left, the best to the right.
            EndLabel(plot, low, y, $"{Change(worst.Change)}: {worst.Bill.Savings.ToShortString()}  ", Alignment.MiddleRight);
            EndLabel(plot, high, y, $"  {Change(best.Change)}: {best.Bill.Savings.ToShortString()}", Alignment.MiddleLeft);
        }
        plot.Add.Bars(bars);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => new Usd(v).ToShortString() };
        var plan = plot.Add.VerticalLine(planned, 3, ChartStyle.DemandColor, LinePattern.Dashed);
        plan.LegendText = $"as planned: {sensitivity.Nominal.Bill.Savings.ToShortString()}";
        var zero = plot.Add.VerticalLine(0, 2, ChartPalette.AllApi, LinePattern.Dotted);
        zero.LegendText = "break-even: no savings";
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "less saved than planned", FillColor = ChartStyle.ApiColor });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "more saved than planned", FillColor = ChartStyle.SelfHostColor });
        double min = Math.Min(0, bars.Min(b => Math.Min(b.ValueBase, b.Value))), max = Math.Max(0, bars.Max(b => Math.Max(b.ValueBase, b.Value)));
        double pad = 0.25 * Math.Max(max - min, 1);
        plot.Axes.SetLimitsX(min - pad, max + pad);
        plot.Axes.SetLimitsY(-0.7, count - 0.3);
        ChartStyle.LegendOutside(plot);
        ChartStyle.Fit(plot);
        return plot;
    }

    private static Bar FromPlan(double y, double planned, double to, Color color) => new()
    {
        Position = y,
        ValueBase = planned,
        Value = to,
        FillColor = color,
        Size = 0.6,
        Orientation = Orientation.Horizontal,
    };

    private static void EndLabel(Plot plot, double x, double y, string text, Alignment alignment)
    {
        var label = plot.Add.Text(text, x, y);
        label.LabelFontSize = 18;
        label.LabelAlignment = alignment;
    }

    private static string Change(double factor) => (factor - 1).ToString("+0 %;-0 %", System.Globalization.CultureInfo.InvariantCulture);
}
