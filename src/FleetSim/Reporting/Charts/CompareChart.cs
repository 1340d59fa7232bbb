using System.Globalization;
using FleetSim.Engine;
using FleetSim.Runs;
using FleetSim.Units;
using ScottPlot;

namespace FleetSim.Reporting.Charts;

/// <summary>compare.png: each policy's bill as stacked self-host and API bars, against all-API and the ceiling.</summary>
public static class CompareChart
{
    /// <summary>
    /// One stacked bar per run in <paramref name="comparison"/>'s order (self-host below, API above,
    /// labelled with the total and savings %), the all-API and savings-ceiling lines, the legend beside the
    /// data; dollars per the comparison's horizon (a month, or N h).
    /// </summary>
    public static Plot Draw(PolicyComparison comparison)
    {
        PolicyResult best = comparison.Headline;
        string period = comparison.Demand.Minutes == 730 * 60 ? "month" : $"{comparison.Demand.Minutes / 60} h";
        string ceilingPct = Percent.Format(comparison.SavingsCeiling);
        string title = comparison.BestDeployable switch
        {
            null => $"The oracle's bound: no fleet saves more than {Percent.Format(best.SavingsFraction)} ({best.Savings.ToShortString()}/{period})",
            { Savings.Value: <= 0 } => $"No deployable policy beats the API at these prices (ceiling {ceilingPct})",
            _ => $"Best deployable: {best.Policy} saves {Percent.Format(best.SavingsFraction)} " +
                 $"({best.Savings.ToShortString()}/{period}); no policy can pass {ceilingPct}",
        };
        Plot plot = ChartStyle.NewPlot(title, "policy", $"cost per {period}");
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (int i = 0; i < comparison.Runs.Count; i++)
        {
            PolicyResult run = comparison.Runs[i];
            bars.Add(new Bar { Position = i, ValueBase = 0, Value = run.SelfHost.Value, FillColor = ChartStyle.SelfHostColor, Size = 0.6 });
            bars.Add(new Bar
            {
                Position = i,
                ValueBase = run.SelfHost.Value,
                Value = run.Total.Value,
                FillColor = ChartStyle.ApiColor,
                Size = 0.6,
                Label = $"{run.Total.ToShortString()}\n{Percent.Format(run.SavingsFraction)}",
            });
            ticks.Add(new Tick(i, run.Label));
        }
        ScottPlot.Plottables.BarPlot barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 20;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        ChartStyle.DollarAxis(plot);

        var allApi = plot.Add.HorizontalLine(comparison.AllApi.Value, 3, ChartPalette.AllApi, LinePattern.Dashed);
        allApi.LegendText = $"all API {comparison.AllApi.ToShortString()}";
        double floorCost = comparison.AllApi.Value * (1 - comparison.SavingsCeiling);
        var ceiling = plot.Add.HorizontalLine(floorCost, 4, ChartPalette.Ceiling, LinePattern.Dotted);
        ceiling.LegendText = CeilingLabel(comparison, new Usd(floorCost));

        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "self-hosted GPUs", FillColor = ChartStyle.SelfHostColor });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = ApiLabel(comparison), FillColor = ChartStyle.ApiColor });
        ChartStyle.LegendOutside(plot);
        // Bars start at zero; the top leaves room for the value labels over the tallest bar.
        double top = Math.Max(comparison.AllApi.Value, comparison.Runs.Max(r => r.Total.Value));
        plot.Axes.SetLimits(-0.5, comparison.Runs.Count - 0.5, 0, top * 1.12);
        ChartStyle.Fit(plot);
        return plot;
    }

    /// <summary>What the API part of a bar is: spilled tokens, and with a deferrable class also the work sent to the batch tier.</summary>
    public static string ApiLabel(PolicyComparison comparison) =>
        HasDeferrable(comparison) ? "API (spilled tokens and batch tier)" : "API (spilled tokens)";

    /// <summary>
    /// What the ceiling line prices (<see cref="Economics.Bill.SavingsCeilingFraction"/>): every token at the full-use
    /// self-host rate, or, with a deferrable class, each class's tokens at the lesser of that rate and its own API price
    /// (the batch tier's for deferrable work).
    /// </summary>
    public static string CeilingLabel(PolicyComparison comparison, Usd floor) => HasDeferrable(comparison)
        ? $"savings ceiling: each token at the lesser of the full-use self-host rate and its API or batch-tier price ({floor.ToShortString()})"
        : $"savings ceiling: every token at the full-use self-host rate ({floor.ToShortString()})";

    private static bool HasDeferrable(PolicyComparison comparison) =>
        comparison.Scenario.Traffic.Classes?.Classes.Any(c => c.Deferrable) == true;
}
