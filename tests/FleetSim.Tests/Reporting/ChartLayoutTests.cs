using FleetSim.Engine;
using FleetSim.Runs;
using FleetSim.Runs.MonteCarlo;
using FleetSim.Reporting.Charts;
using FleetSim.Traffic.Traces;
using ScottPlot;

namespace FleetSim.Tests.Reporting;

/// <summary>
/// Every chart, drawn with many series (all seven policies, two static fleets and a long-named run), long
/// labels and noisy traffic, is readable at 1600×900 (<see cref="ChartReadability"/>): nothing cut off,
/// no tick labels on top of each other, the legend outside the data, no two legend entries alike.
/// With DUMPCHARTS set to a folder, the readability cases also write the PNGs they check there, to look at.
/// </summary>
[NonParallelizable]
public class ChartLayoutTests
{
    private const string LongName = "schedule, hand-tuned for the quarter-end batch jobs of the finance team";

    private static PolicyComparison _many = null!;
    private static PolicyComparison _noisy = null!;

    [OneTimeSetUp]
    public static void Simulate()
    {
        string[] policies = ["static:3", "static:12", "floor", "breakeven", "schedule", "reactive", "predictive", "oracle"];
        PolicyComparison Of(params string[] sets)
        {
            PolicyComparison c = PolicyComparison.Of(Scenarios.Seed(["horizon_hours=168", .. sets]), policies, expectedMonth: sets.Length == 0);
            PolicyResult schedule = c["schedule"];
            var renamed = new PolicyResult(schedule.Run with { Policy = LongName }, schedule.Bill);
            return c with { Runs = [.. c.Runs, renamed] };
        }
        _many = Of();
        _noisy = Of("traffic.noise={minute_cv: 0.3, minute_correlation: 0.5, daily_cv: 0.1}");
    }

    private static IEnumerable<TestCaseData> Charts()
    {
        yield return new TestCaseData(() => CompareChart.Draw(_many)).SetName("compare.png, nine runs");
        yield return new TestCaseData(() => TimelineChart.Draw(_many)).SetName("timeline.png, nine runs");
        yield return new TestCaseData(() => TimelineChart.Draw(_noisy)).SetName("timeline.png, nine runs on noisy traffic");
        yield return new TestCaseData(() => DailyProfileChart.Draw(_noisy)).SetName("daily-profile.png, nine runs");
        yield return new TestCaseData(() => UtilizationChart.Draw(_many, 0.79)).SetName("utilization.png, nine runs");
        yield return new TestCaseData(() => SweepChart.Draw(SweepGroups())).SetName("sweep.png, seven policies on a two-axis grid");
        yield return new TestCaseData(() => TiersChart.Draw(TierRows())).SetName("tiers.png, ten spends");
        yield return new TestCaseData(() => TraceProfileChart.Draw(OneDayTrace())).SetName("profile.png, a one-day trace");
        yield return new TestCaseData(() => TornadoChart.Draw(Sensitivity.Of(
            ScenarioRun.Of(Scenarios.Seed("fleet.replicas=6"), EngineChoice.Minute, expectedMonth: true), expectedMonth: true))).SetName("sensitivity.png, the seed's six replicas");
    }

    [TestCaseSource(nameof(Charts))]
    public void IsReadable(Func<Plot> draw)
    {
        Plot plot = draw();
        if (Environment.GetEnvironmentVariable("DUMPCHARTS") is { } dir)
        {
            plot.SavePng(Path.Combine(dir, TestContext.CurrentContext.Test.Name.Replace(' ', '_').Replace(",", "", StringComparison.Ordinal) + ".png"), 1600, 900);
        }
        List<string> problems = ChartReadability.Problems(plot);
        Assert.That(problems, Is.Empty, string.Join("\n", problems));
    }

    [Test]
    public void EveryCapacityLineHasItsOwnColourAndCoincidingOnesStillShow()
    {
        Plot plot = TimelineChart.Draw(_many);
        var lines = plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().Where(s => s.LegendText.EndsWith(" capacity", StringComparison.Ordinal)).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Length.EqualTo(9));
            Assert.That(lines.Select(l => l.Color).Distinct().Count(), Is.EqualTo(9), "no two policies share a colour");
            // The renamed run is schedule's own capacity, exactly: the two lines coincide everywhere.
            var schedule = lines.Single(l => l.LegendText == "schedule capacity");
            var copy = lines.Single(l => l.LegendText.StartsWith("schedule, hand-tuned", StringComparison.Ordinal));
            Assert.That((copy.LineWidth, copy.LinePattern), Is.Not.EqualTo((schedule.LineWidth, schedule.LinePattern)),
                "a line drawn exactly over another differs in width or pattern, so both show");
            Assert.That(copy.LineWidth, Is.LessThan(schedule.LineWidth), "the later line is narrower: the earlier edges it");
        });
    }

    /// <summary>
    /// With a deferrable class the API part of a bar includes the batch tier, and the ceiling prices each class's
    /// tokens at the lesser of the full-use self-host rate and its own API price: the legend says both, and the
    /// line sits at the all-API bill less the ceiling share of it.
    /// </summary>
    [Test]
    public void ADeferrableClassIsNamedInTheCompareLegend()
    {
        PolicyComparison c = PolicyComparison.Of(Scenarios.Seed("horizon_hours=168",
            "traffic.classes=[{name: interactive, share: 0.7}, {name: bulk, share: 0.3, deadline_hours: 24}]"), ["floor", "schedule"]);
        Plot plot = CompareChart.Draw(c);
        // The legend wraps long entries over lines; read them as one line each.
        string[] labels = [.. plot.Legend.GetItems().Select(i => i.LabelText.Replace('\n', ' '))];
        var ceiling = plot.GetPlottables().OfType<ScottPlot.Plottables.HorizontalLine>().Single(l => l.LegendText.StartsWith("savings ceiling", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(labels, Does.Contain("API (spilled tokens and batch tier)"));
            Assert.That(labels, Has.Some.Contains("lesser of the full-use self-host rate and its API or batch-tier price"));
            Assert.That(ceiling.Y, Is.EqualTo(c.AllApi.Value * (1 - c.SavingsCeiling)).Within(1e-6));
            Assert.That(ChartReadability.Problems(plot), Is.Empty);
        });
        Assert.That(CompareChart.ApiLabel(_many), Is.EqualTo("API (spilled tokens)"), "without classes: as before");
    }

    [Test]
    public void NoisyTrafficIsDrawnAsHourlyMeansNotTenThousandPointsALine()
    {
        Plot plot = TimelineChart.Draw(_noisy);
        int[] points = [.. plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().Select(s => s.Data.GetScatterPoints().Count)];
        Assert.That(points, Has.All.LessThanOrEqualTo(7 * 24), "a week of hourly means is 168 points");
    }

    [Test]
    public void UtilizationAxisIsFittedToTheData()
    {
        Plot plot = UtilizationChart.Draw(_many, 0.79);
        double[] values = [.. plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>()
            .SelectMany(s => s.Data.GetScatterPoints()).Select(p => p.Y).Where(y => !double.IsNaN(y)), 79];
        AxisLimits limits = plot.Axes.GetLimits();
        Assert.Multiple(() =>
        {
            Assert.That(limits.Bottom, Is.LessThanOrEqualTo(values.Min()).And.GreaterThan(values.Min() - 10), "no more than 10 points below the lowest value");
            Assert.That(limits.Top, Is.GreaterThanOrEqualTo(values.Max()).And.LessThan(values.Max() + 10), "no more than 10 points above the highest");
        });
    }

    [Test]
    public void TiersPutsBothZerosAtOneHeightAndLeavesAGapBelowOneNode()
    {
        Plot plot = TiersChart.Draw(TierRows());
        plot.RenderInMemory(ChartReadability.Width, ChartReadability.Height);
        float leftZero = plot.GetPixel(new Coordinates(0, 0), plot.Axes.Bottom, plot.Axes.Left).Y;
        float rightZero = plot.GetPixel(new Coordinates(0, 0), plot.Axes.Bottom, plot.Axes.Right).Y;
        var floor = plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().First(s => s.LegendText.StartsWith("floor-sized", StringComparison.Ordinal));
        double[] ys = [.. floor.Data.GetScatterPoints().Select(p => p.Y)];
        Assert.Multiple(() =>
        {
            Assert.That(rightZero, Is.EqualTo(leftZero).Within(1), "0 % and $0 at the same height");
            Assert.That(double.IsNaN(ys[0]) && double.IsNaN(ys[1]), "the two spends below one node have no point (not 0 %)");
            Assert.That(ys[2], Is.EqualTo(3.8).Within(1e-9));
        });
    }

    [Test]
    public void AOneDayTraceHasNoLegendEntryForABandItDoesNotDraw()
    {
        Plot plot = TraceProfileChart.Draw(OneDayTrace());
        Assert.Multiple(() =>
        {
            Assert.That(plot.GetPlottables().OfType<ScottPlot.Plottables.FillY>(), Is.Empty, "one day: no spread across days to draw");
            Assert.That(plot.Legend.GetItems().Select(i => i.LabelText), Has.None.Contains("P10"));
        });
    }

    [Test]
    public void ASweepOfMoreLinesThanItDrawsListsOnlyTheDrawnGridPoints()
    {
        // 7 policies × 4 grid points = 28 lines; the chart draws the first 12: grid points 1 and 2.
        Plot plot = SweepChart.Draw(SweepGroups(4));
        Assert.Multiple(() =>
        {
            Assert.That(plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().Count(s => s.LineWidth > 0), Is.EqualTo(12));
            Assert.That(plot.Legend.GetItems().Select(i => i.LabelText).Where(t => t.Contains('·', StringComparison.Ordinal)),
                Is.EqualTo(new[] { "400B · 4", "600B · 6" }));
            Assert.That(plot.Axes.Bottom.Label.Text.Replace('\n', ' '), Does.Contain("the first 12 of 28 lines"));
        });
    }

    /// <summary>Seven policies at <paramref name="points"/> points of a two-key grid whose labels are long.</summary>
    private static IReadOnlyList<SweepGroup> SweepGroups(int points = 2)
    {
        string[] policies = ["floor", "breakeven", "schedule", "reactive", "predictive", "oracle", "static:12"];
        string[] grids = [.. new[] { "400B fleet.replicas=4", "600B fleet.replicas=6", "800B fleet.replicas=8", "1T fleet.replicas=10" }
            .Take(points).Select(v => "traffic.monthly_processed_tokens=" + v)];
        var groups = new List<SweepGroup>();
        for (int g = 0; g < grids.Length; g++)
        {
            for (int p = 0; p < policies.Length; p++)
            {
                double[] savings = [.. Enumerable.Range(0, 20).Select(k => (0.02 * p) + (0.03 * g) + (0.001 * k))];
                MetricStats stats = MetricStats.Of(savings);
                groups.Add(new SweepGroup(g, grids[g], policies[p], savings.Length, stats, stats, stats, stats, stats, savings));
            }
        }
        return groups;
    }

    /// <summary>The tiers of the README, the first two below one node for the floor-sized and best columns.</summary>
    private static IReadOnlyList<TierRow> TierRows()
    {
        double[] spends = [20e3, 35e3, 50e3, 100e3, 185e3, 250e3, 500e3, 1e6, 2e6, 5e6];
        double[] floor = [double.NaN, double.NaN, 3.8, 7.0, 8.4, 9.5, 10.2, 9.8, 10.0, 10.3];
        double[] aggressive = [double.NaN, 6.7, 20.9, 29.0, 32.8, 34.4, 36.9, 38.6, 39.7, 40.8];
        TierCell Cell(double pct, double spend) => double.IsNaN(pct)
            ? new TierCell(null, null, "floor", 0)
            : new TierCell(pct / 100 * spend, pct / 100, "schedule", 3);
        return [.. spends.Select((s, i) => new TierRow(
            s, Cell(floor[i], s), Cell(floor[i] * 1.5, s), Cell(aggressive[i], s), 1, 0, 0,
            s * 2.4 * 0.9, s * 2.4 * 1.1, (s * 5) - 500e3, (s * 5.5) - 300e3,
            s >= 185e3 ? "bare GPUs" : s >= 35e3 ? "managed" : "API", "verdict", "why"))];
    }

    private static TraceProfile OneDayTrace()
    {
        string path = Path.Combine(Path.GetTempPath(), $"fleetsim-one-day-{Environment.ProcessId}.csv");
        using (var w = new StreamWriter(path))
        {
            w.WriteLine("minute,requests,input_tokens,output_tokens");
            for (int m = 0; m < 1440; m++)
            {
                int requests = (int)(60 + (40 * Math.Sin((m / 60.0 - 9) / 24 * 2 * Math.PI)));
                w.WriteLine($"{m},{requests},{requests * 84_000},{requests * 1_000}");
            }
        }
        try
        {
            return TraceProfile.Read(path, new TraceOptions());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
