using FleetSim.Runs.Plan;
using FleetSim.Units;
using ScottPlot;

namespace FleetSim.Reporting.Charts;

/// <summary>plan.png: every candidate's monthly cost against the share of its tokens sent to the API, the Pareto front marked.</summary>
public static class PlanChart
{
    /// <summary>
    /// One point per candidate priced (x: total per month on the scenario's month; y: spill share, the
    /// tokens the plan leaves to the API: its exposure to the API's price and outages), coloured by
    /// policy; the Pareto front (no other candidate both cheaper and spilling less) as a line; the best
    /// verified plan and compare's best deployable marked.
    /// </summary>
    public static Plot Draw(PlanResult plan)
    {
        string period = plan.Period;
        PlanVerification best = plan.Best;
        Plot plot = ChartStyle.NewPlot(
            $"Best: {PlanRows.Node(best.Candidate)} TP{best.Candidate.TensorParallel(plan.Scenario)}, {PlanRows.Pool(best.Candidate)}, {best.Candidate.PolicyLabel}: " +
            $"{new Usd(best.MeanUsd).ToShortString()}/{period}",
            $"total cost per {period} (self-hosted nodes + API)", "tokens sent to the API");
        string[] policies = [.. plan.Estimates.Select(e => e.Candidate.Policy).Distinct()];
        Color[] colours = ChartPalette.For(policies);
        // Later policies first, so where two policies choose the same fleet the first named (schedule before predictive) shows on top.
        for (int i = policies.Length - 1; i >= 0; i--)
        {
            foreach (bool deployable in new[] { false, true })
            {
                PlanEstimate[] points = [.. plan.Estimates.Where(e => e.Candidate.Policy == policies[i] && PlanSearch.Deployable(e.Candidate, plan.Scenario.Plan) == deployable)];
                var scatter = plot.Add.ScatterPoints(points.Select(e => e.TotalUsd).ToArray(), points.Select(e => 100 * e.SpillShare).ToArray(), colours[i]);
                scatter.MarkerSize = deployable ? 10 : 11;
                scatter.MarkerShape = deployable ? MarkerShape.FilledCircle : MarkerShape.OpenCircle;
                scatter.LegendText = deployable ? policies[i] : "";
            }
        }
        if (plan.Estimates.Any(e => !PlanSearch.Deployable(e.Candidate, plan.Scenario.Plan)))
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "open circles: estimated throughput, not the plan until measured" });
        }
        PlanEstimate[] front = Front(plan.Estimates.Where(e => PlanSearch.Deployable(e.Candidate, plan.Scenario.Plan)));
        var line = plot.Add.Scatter(front.Select(e => e.TotalUsd).ToArray(), front.Select(e => 100 * e.SpillShare).ToArray(), ChartPalette.Key);
        line.LineWidth = 2;
        line.LinePattern = LinePattern.Dashed;
        line.MarkerSize = 0;
        line.LegendText = "Pareto front: no deployable plan is both cheaper and spills less";
        Mark(plot, plan.ComparesBest.Estimate, MarkerShape.OpenCircle, 26, ChartPalette.AllApi, $"compare's best ({plan.ComparesBest.Candidate.Policy} on the scenario's fleet)");
        Mark(plot, best.Estimate, MarkerShape.FilledDiamond, 22, ChartPalette.Ceiling, "the plan");
        var allApi = plot.Add.VerticalLine(plan.AllApiUsd, 3, ChartPalette.AllApi, LinePattern.Dashed);
        allApi.LegendText = $"all on the API ({new Usd(plan.AllApiUsd).ToShortString()})";
        // Candidates dearer than half again the all-API bill are no contender: leave them off so the contenders are readable.
        double cut = plan.AllApiUsd * 1.5;
        int off = plan.Estimates.Count(e => e.TotalUsd > cut);
        if (off > 0)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"{off} candidates above {new Usd(cut).ToShortString()} not drawn" });
        }
        ChartStyle.DollarAxisBottom(plot);
        ChartStyle.PercentAxis(plot);
        ChartStyle.LegendOutside(plot);
        double xMin = plan.Estimates.Min(e => e.TotalUsd), xMax = Math.Min(cut, Math.Max(plan.AllApiUsd, plan.Estimates.Max(e => e.TotalUsd)));
        double pad = Math.Max(1, (xMax - xMin) * 0.04);
        // A share runs to 100 %: leave room above the highest point without ticks past it.
        plot.Axes.SetLimits(xMin - pad, xMax + pad, -2, Math.Min(102, Math.Max(5, plan.Estimates.Max(e => 100 * e.SpillShare)) * 1.05));
        ChartStyle.Fit(plot);
        return plot;
    }

    /// <summary>The candidates no other beats on both cost and spill share, cheapest first.</summary>
    public static PlanEstimate[] Front(IEnumerable<PlanEstimate> estimates)
    {
        var front = new List<PlanEstimate>();
        double lowestSpill = double.PositiveInfinity;
        foreach (PlanEstimate e in estimates.OrderBy(e => e.TotalUsd).ThenBy(e => e.SpillShare))
        {
            if (e.SpillShare < lowestSpill)
            {
                front.Add(e);
                lowestSpill = e.SpillShare;
            }
        }
        return [.. front];
    }

    private static void Mark(Plot plot, PlanEstimate e, MarkerShape shape, float size, Color colour, string label)
    {
        var marker = plot.Add.Marker(e.TotalUsd, 100 * e.SpillShare, shape, size, colour);
        marker.MarkerLineWidth = 3;
        marker.LegendText = label;
    }
}
