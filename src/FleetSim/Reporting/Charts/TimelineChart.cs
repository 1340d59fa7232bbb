using FleetSim.Engine;
using FleetSim.Runs;
using ScottPlot;

namespace FleetSim.Reporting.Charts;

/// <summary>
/// timeline.png: a representative week of demand against each policy's serving capacity. Capacity lines
/// that coincide (schedule, predictive and the oracle often choose the same fleet) are told apart by
/// width and pattern (<see cref="ChartStyle.Overlapping"/>). When demand or a capacity moves every minute
/// (traffic noise, a per-minute trace), the week is drawn as hourly means, with demand's P10–P90 of the
/// minutes in each hour as a band (<see cref="HourlySeries"/>), rather than 10,080 points a line.
/// </summary>
public static class TimelineChart
{
    /// <summary>The first whole week of the horizon (Monday 00:00 on), or all of it when shorter.</summary>
    public static (int From, int To) Week(int minutes) => (0, Math.Min(minutes, 7 * 1440));

    /// <summary>
    /// The first week of <paramref name="comparison"/> in tok/s: the headline run's self-hosted and spilled
    /// areas, demand, and each run's capacity in its policy's colour; per minute, or as hourly means
    /// when a series moves every minute (<see cref="HourlySeries.ChangesOften"/>).
    /// </summary>
    public static Plot Draw(PolicyComparison comparison)
    {
        var (from, to) = Week(comparison.Demand.Minutes);
        PolicyResult best = comparison.Headline;
        double throughput = comparison.Scenario.Replica.Throughput.Value;
        double[] demand = comparison.Demand.Rate[from..to].ToArray();
        double[] served = best.Served[from..to];
        double[][] capacity = [.. comparison.Runs.Select(r => r.Serving[from..to].Select(s => s * throughput).ToArray())];
        bool hourly = HourlySeries.ChangesOften(demand) || capacity.Any(c => HourlySeries.ChangesOften(c));

        double weekServed = served.Sum() / Math.Max(1e-9, demand.Sum());
        Engine.Deferral.ClassedMinutes? classes = best.Run.Classes;
        Plot plot = ChartStyle.NewPlot(
            $"A week: {best.Label} self-hosts {weekServed.ToString("0 %", System.Globalization.CultureInfo.InvariantCulture)} of tokens, " +
            (classes is null ? "the rest spills to the API" : "the rest goes to the API or its batch tier"),
            hourly ? "day of the week (hourly means)" : "day of the week",
            "processed tokens per second");

        double[] xs;
        double[] Shown(double[] minutes) => hourly ? HourlySeries.Means(minutes) : minutes;
        if (hourly)
        {
            xs = [.. Enumerable.Range(0, (demand.Length + 59) / 60).Select(h => h + 0.5)];
        }
        else
        {
            xs = [.. Enumerable.Range(from, to - from).Select(m => m / 60.0)];
        }
        double[] shownDemand = Shown(demand), shownServed = Shown(served);
        double top = shownDemand.Max();

        // With traffic classes the fleet's minute can serve more than that minute's demand (deferred work it runs
        // late), so the areas split what arrives: the interactive demand, served or spilled, and above it the
        // deferred work the fleet ran in that minute. Held work is in neither until it runs or its deadline passes.
        double[] arrivedServed = classes is null ? shownServed : Shown(classes.InteractiveServed[from..to]);
        double[] arrived = classes is null ? shownDemand : Shown(classes.InteractiveDemand[from..to]);
        var selfHosted = plot.Add.FillY(xs, new double[xs.Length], arrivedServed);
        selfHosted.FillColor = ChartStyle.SelfHostColor.WithAlpha(0.35);
        selfHosted.LineWidth = 0;
        selfHosted.LegendText = classes is null ? $"self-hosted ({best.Label})" : $"interactive, self-hosted ({best.Label})";
        var spilled = plot.Add.FillY(xs, arrivedServed, arrived);
        spilled.FillColor = ChartStyle.ApiColor.WithAlpha(0.35);
        spilled.LineWidth = 0;
        spilled.LegendText = classes is null ? $"spilled to the API ({best.Label})" : $"interactive, spilled to the API ({best.Label})";
        if (classes is not null)
        {
            double[] deferred = Shown(classes.DeferredServed[from..to]);
            double[] upTo = [.. arrived.Select((a, i) => a + deferred[i])];
            var ran = plot.Add.FillY(xs, arrived, upTo);
            ran.FillColor = ChartStyle.SelfHostColor.WithAlpha(0.7);
            ran.LineWidth = 0;
            ran.LegendText = $"deferred work run ({best.Label})";
            top = Math.Max(top, upTo.Max());
        }
        if (hourly)
        {
            var (low, high) = HourlySeries.Spread(demand, 0.1, 0.9);
            var spread = plot.Add.FillY(xs, low, high);
            spread.FillColor = ChartStyle.DemandColor.WithAlpha(0.2);
            spread.LineWidth = 0;
            spread.LegendText = "demand, P10–P90 of minutes";
            top = Math.Max(top, high.Max());
        }
        var demandLine = plot.Add.ScatterLine(xs, shownDemand, ChartStyle.DemandColor);
        demandLine.LineWidth = hourly ? 3 : 4;
        demandLine.LegendText = (hourly ? "demand, hourly mean" : "demand") + (classes is null ? "" : ", every class as it arrives");

        Color[] colours = ChartPalette.For([.. comparison.Runs.Select(r => r.Policy)]);
        for (int i = 0; i < comparison.Runs.Count; i++)
        {
            double[] shown = Shown(capacity[i]);
            var line = plot.Add.ScatterLine(xs, shown, colours[i]);
            ChartStyle.Distinguish(line, i, comparison.Runs.Count);
            line.LegendText = $"{comparison.Runs[i].Label} capacity";
            top = Math.Max(top, shown.Max());
        }
        string[] days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        var ticks = Enumerable.Range(0, (to - from) / 1440 + 1)
            .Select(d => new Tick(d * 24.0, d < 7 ? days[d] : ""))
            .ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        ChartStyle.QuantityAxis(plot);
        plot.Axes.SetLimits(0, (to - from) / 60.0, 0, top * 1.08);
        ChartStyle.LegendOutside(plot);
        ChartStyle.Fit(plot);
        return plot;
    }
}
