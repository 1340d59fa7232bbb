using FleetSim.Runs.MonteCarlo;
using FleetSim.Reporting.Charts;
using FleetSim.Scenario;
using ScottPlot;

namespace FleetSim.Tests.Reporting;

public class SweepChartTests
{
    [Test]
    public void OnAOneAxisGridAPolicyKeepsItsColourAndAGridPointItsPattern()
    {
        var spec = new SweepSpec(4, 1, ["traffic.noise={minute_cv: 0.2}", "api.usd_per_million_tokens=0.3,0.4"], ["floor", "schedule"], 1,
                                 SweepShard.Whole);
        IReadOnlyList<SweepGroup> groups = SweepSummary.Of(SweepRunner.Run(spec, overrides => ScenarioLoader.Default(overrides)));

        Plot plot = SweepChart.Draw(groups);

        // The CDF lines in the groups' order (floor · 0.3, schedule · 0.3, floor · 0.4, schedule · 0.4); the P5/P50/P95 marks have no line.
        var lines = plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().Where(s => s.LineWidth > 0).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Length.EqualTo(4));
            Assert.That(plot.Legend.GetItems().Select(i => i.LabelText), Is.EqualTo(new[] { "floor", "schedule", "0.3", "0.4" }),
                "the legend names each colour (policy) and each pattern (grid point) once");
            Assert.That(lines[2].Color, Is.EqualTo(lines[0].Color), "floor keeps its colour");
            Assert.That(lines[1].Color, Is.Not.EqualTo(lines[0].Color));
            Assert.That(lines[1].LinePattern, Is.EqualTo(lines[0].LinePattern), "a grid point keeps its pattern");
            Assert.That(lines[2].LinePattern, Is.Not.EqualTo(lines[0].LinePattern));
            Assert.That(plot.Axes.Bottom.Label.Text, Does.Contain("grid: api.usd_per_million_tokens"));
            Assert.That(plot.Axes.Title.Label.Text, Does.StartWith("schedule at 0.4 saves the most"));
        });
    }
}
