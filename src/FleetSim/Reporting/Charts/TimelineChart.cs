using FleetSim.Engine;
using FleetSim.Runs;
using ScottPlot;

namespace FleetSim.Reporting.Charts;

/// <summary>timeline.png: a representative week of demand against each policy's serving capacity.</summary>
public static class TimelineChart
{
    /// <summary>The first whole week of the horizon (Monday 00:00 on), or all of it when shorter.</summary>
    public static (int From, int To) Week(int minutes) => (0, Math.Min(minutes, 7 * 1440));

    public static Plot Draw(PolicyComparison comparison)
    {
        var (from, to) = Week(comparison.Demand.Minutes);
        PolicyResult best = comparison.Headline;
        double[] hours = [.. Enumerable.Range(from, to - from).Select(m => m / 60.0)];
        double[] demand = comparison.Demand.Rate[from..to].ToArray();
        double[] served = best.Served[from..to];
        double weekServed = served.Sum() / Math.Max(1e-9, demand.Sum());
        Plot plot = ChartStyle.NewPlot(
            $"A week: {best.Label} self-hosts {weekServed.ToString("0 %", System.Globalization.CultureInfo.InvariantCulture)} of tokens, the rest spills to the API",
            "day of the week",
            "processed tokens per second");
        double[] zero = new double[hours.Length];
        var selfHosted = plot.Add.FillY(hours, zero, served);
        selfHosted.FillColor = ChartStyle.SelfHostColor.WithAlpha(0.45);
        selfHosted.LineWidth = 0;
        selfHosted.LegendText = $"self-hosted ({best.Label})";
        var spilled = plot.Add.FillY(hours, served, demand);
        spilled.FillColor = ChartStyle.ApiColor.WithAlpha(0.45);
        spilled.LineWidth = 0;
        spilled.LegendText = $"spilled to the API ({best.Label})";
        var demandLine = plot.Add.ScatterLine(hours, demand, ChartStyle.DemandColor);
        demandLine.LineWidth = 4;
        demandLine.LegendText = "demand";
        double throughput = comparison.Scenario.Replica.Throughput.Value;
        for (int i = 0; i < comparison.Runs.Count; i++)
        {
            PolicyResult run = comparison.Runs[i];
            double[] capacity = [.. run.Serving[from..to].Select(s => s * throughput)];
            var line = plot.Add.ScatterLine(hours, capacity, ChartStyle.Color(i));
            line.LineWidth = 2;
            line.LegendText = $"{run.Label} capacity";
        }
        string[] days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        var ticks = Enumerable.Range(0, (to - from) / 1440 + 1)
            .Select(d => new Tick(d * 24.0, d < 7 ? days[d] : ""))
            .ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        ChartStyle.QuantityAxis(plot);
        plot.Axes.SetLimitsY(0, Math.Max(demand.Max(), comparison.Runs.Max(r => r.Serving[from..to].Max()) * throughput) * 1.12);
        plot.ShowLegend(Edge.Right);
        return plot;
    }
}
