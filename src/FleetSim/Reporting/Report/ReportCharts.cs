using FleetSim.Engine;
using FleetSim.Runs;
using FleetSim.Runs.MonteCarlo;
using FleetSim.Reporting.Charts;
using ScottPlot;

namespace FleetSim.Reporting.Report;

/// <summary>The report's charts (four, the Monte Carlo distribution when months vary, and the sensitivity tornado when it ran), rendered to PNG bytes at the shared size.</summary>
public static class ReportCharts
{
    public static IReadOnlyList<(ReportChart Chart, byte[] Png)> Render(ScenarioRun run, PolicyComparison comparison, IReadOnlyList<SweepGroup> sweep,
                                                                        Sensitivity? sensitivity = null)
    {
        var charts = new List<(ReportChart, Plot)>
        {
            (new ReportChart("timeline.png", "A representative week: demand as self-hosted and spilled tokens for the best policy, and each policy's serving capacity."), TimelineChart.Draw(comparison)),
            (new ReportChart("cost.png", "Each policy's bill: self-hosted GPUs and API spillover, against the all-API bill and the savings ceiling."), CompareChart.Draw(comparison)),
            (new ReportChart("utilization.png", "Hourly fleet utilization over the week, against the break-even utilization."), UtilizationChart.Draw(comparison, run.Bill.BreakEvenUtilization)),
        };
        // A daily profile needs a whole day of minutes.
        if (comparison.Demand.Minutes >= 24 * 60)
        {
            charts.Insert(1, (new ReportChart("daily-profile.png", "Demand by hour of day (P10–P90 band across days, and the median day) against each policy's capacity."), DailyProfileChart.Draw(comparison)));
        }
        if (sweep.Count > 0)
        {
            charts.Insert(3, (new ReportChart("savings-distribution.png", "Monte Carlo savings per policy across months drawn with the scenario's noise, failures and preemptions (CDF), P5/P50/P95 marked."), SweepChart.Draw(sweep)));
        }
        if (sensitivity is not null)
        {
            charts.Add((new ReportChart("sensitivity.png", "The scenario's fleet's savings when one figure is off by 20 % (replica throughput, demand, GPU and API prices), each bar from its worst case to its best; the table has throughput ±10 % too."),
                        TornadoChart.Draw(sensitivity)));
        }
        return [.. charts.Select(c => (c.Item1, c.Item2.GetImageBytes(ChartStyle.Width, ChartStyle.Height, ImageFormat.Png)))];
    }
}
