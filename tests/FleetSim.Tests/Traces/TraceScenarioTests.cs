using FleetSim.Engine;
using FleetSim.Runs;
using FleetSim.Scenario;
using FleetSim.Traffic;
using FleetSim.Traffic.Traces;

namespace FleetSim.Tests.Traces;

/// <summary>A recorded trace as a scenario's traffic, summarized and fitted.</summary>
public class TraceScenarioTests
{
    private string _dir = "";

    [SetUp]
    public void Make() => _dir = Directory.CreateTempSubdirectory("fleetsim-trace-").FullName;

    [TearDown]
    public void Remove() => Directory.Delete(_dir, recursive: true);

    /// <summary>Two days of per-minute aggregates shaped like a day: quiet at night, busy in the afternoon.</summary>
    private string TwoDays()
    {
        string path = Path.Combine(_dir, "minutes.csv");
        using var w = new StreamWriter(path);
        w.WriteLine("minute,requests,input_tokens,output_tokens");
        for (int m = 0; m < 2 * 1440; m++)
        {
            double hour = m % 1440 / 60.0;
            int requests = (int)(60 + 40 * Math.Sin((hour - 9) / 24 * 2 * Math.PI));
            w.WriteLine($"{m},{requests},{requests * 84_000},{requests * 1_000}");
        }
        return path;
    }

    [Test]
    public void ProfileReadsTheTraceOnce()
    {
        TraceProfile p = TraceProfile.Read(TwoDays(), new TraceOptions());
        Assert.Multiple(() =>
        {
            Assert.That(p.Minutes, Is.EqualTo(2880));
            Assert.That(p.Stats.Format, Is.EqualTo(TraceFormat.PerMinute));
            Assert.That(p.MeanProcessedTokens, Is.EqualTo(85_000).Within(1e-6));
            Assert.That(p.MeanOutputTokens, Is.EqualTo(1_000).Within(1e-6));
        });
    }

    [Test]
    public void AScenarioOnATraceTilesWholeDaysAndCarriesTheMonthlyVolume()
    {
        string trace = TwoDays();
        string scenario = Path.Combine(_dir, "on-trace.yaml");
        string yaml = ScenarioLoader.DefaultScenarioYaml();
        int start = yaml.IndexOf("traffic:", StringComparison.Ordinal), end = yaml.IndexOf("\nreplica:", StringComparison.Ordinal);
        File.WriteAllText(scenario, yaml[..start] + "traffic:\n  trace: minutes.csv\n  scale_to_monthly_tokens: 583B\n" + yaml[end..]);
        ScenarioSpec s = ScenarioLoader.LoadFile(scenario);
        DemandSeries d = DemandBuilder.Build(s.Traffic, s.Horizon);
        double[] hourly = d.HourlyMeans();
        Assert.Multiple(() =>
        {
            Assert.That(s.Traffic.DailyShape, Is.TypeOf<TraceShape>());
            // The volume sets the trace's rate: a horizon of the trace's own two days carries 48/730 of it.
            Assert.That(DemandBuilder.Build(s.Traffic, new FleetSim.Units.Hours(48)).Total.Value, Is.EqualTo(583e9 * 48 / 730).Within(1e-9).Percent);
            Assert.That(d.Total.Value, Is.EqualTo(583e9).Within(1).Percent, "a 730-hour month: 30 passes and 10 hours of the trace's first day");
            Assert.That(hourly[24 * 10 + 15], Is.EqualTo(hourly[15]).Within(1e-9).Percent, "day 10 repeats the trace's days");
            Assert.That(s.Traffic.RequestMix.ProcessedTokens, Is.EqualTo(85_000).Within(1e-6), "the mix comes from the trace");
            Assert.That(ScenarioRun.Of(s).Bill.Demand.Value, Is.EqualTo(d.Total.Value).Within(1e-9).Percent);
        });
    }

    [Test]
    public void TheRequestEngineReplaysTheTracesRequestsScaledToTheVolume()
    {
        string trace = TwoDays();
        string scenario = Path.Combine(_dir, "replay.yaml");
        string yaml = ScenarioLoader.DefaultScenarioYaml();
        int start = yaml.IndexOf("traffic:", StringComparison.Ordinal), end = yaml.IndexOf("\nreplica:", StringComparison.Ordinal);
        File.WriteAllText(scenario, yaml[..start].Replace("horizon_hours: 730", "horizon_hours: 72", StringComparison.Ordinal) +
                                    "traffic:\n  trace: minutes.csv\n  scale_to_monthly_tokens: 583B\n" + yaml[end..]);
        ScenarioSpec s = ScenarioLoader.LoadFile(scenario);
        ScenarioRun run = ScenarioRun.Of(s, EngineChoice.Request);
        double target = 583e9 * 72 / 730;
        Assert.Multiple(() =>
        {
            Assert.That(run.Requests!.DemandTokens.Value, Is.EqualTo(target).Within(2).Percent, "thinned or repeated to the volume");
            Assert.That(run.Requests.DemandTokens.Value / run.Requests.Requests.Total, Is.EqualTo(85_000).Within(0.5).Percent,
                        "the trace's own mean size (per-minute rows: drawn about it)");
            Assert.That(run.Bill.SpillShare, Is.EqualTo(run.MinuteBill!.SpillShare).Within(0.02), "agrees with the minute engine on the same trace");
        });
    }

    [Test]
    public void SummarizeAndFitWriteTheirFiles()
    {
        string trace = TwoDays();
        string summaryDir = Path.Combine(_dir, "summary"), fitDir = Path.Combine(_dir, "fit");
        var stdout = new StringWriter();
        int s = global::FleetSim.Cli.Cli.Run(["trace", "summarize", trace, "--out", summaryDir], stdout, new StringWriter());
        int f = global::FleetSim.Cli.Cli.Run(["trace", "fit", trace, "--out", fitDir], new StringWriter(), new StringWriter());
        string fitted = File.ReadAllText(Path.Combine(fitDir, "traffic.yaml"));
        Assert.Multiple(() =>
        {
            Assert.That(s, Is.EqualTo(0));
            Assert.That(f, Is.EqualTo(0));
            Assert.That(stdout.ToString(), Does.Contain("peak-to-trough"));
            Assert.That(File.Exists(Path.Combine(summaryDir, "profile.png")), Is.True);
            Assert.That(fitted, Does.Contain("monthly_processed_tokens:").And.Contain("hourly: [").And.Contain("processed_tokens: 85000"));
        });

        // The fitted section is a valid scenario's traffic.
        string yaml = ScenarioLoader.DefaultScenarioYaml();
        int start = yaml.IndexOf("traffic:", StringComparison.Ordinal), end = yaml.IndexOf("\nreplica:", StringComparison.Ordinal);
        string body = string.Join('\n', fitted.Split('\n').Where(l => !l.StartsWith('#')));
        Assert.That(() => ScenarioLoader.Parse(yaml[..start] + body + yaml[end..], "fitted.yaml", "fitted"), Throws.Nothing);
    }

    [Test]
    public void ABrokenTraceIsOneLineAndExitTwo()
    {
        string path = Path.Combine(_dir, "broken.csv");
        File.WriteAllText(path, "minute,requests,input_tokens,output_tokens\n0,10,100,10\n1,ten,100,10\n");
        var stderr = new StringWriter();
        int code = global::FleetSim.Cli.Cli.Run(["trace", "summarize", path, "--out", Path.Combine(_dir, "o")], new StringWriter(), stderr);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(stderr.ToString(), Does.StartWith($"fleetsim: {path}:3:"));
            Assert.That(Directory.Exists(Path.Combine(_dir, "o")), Is.False);
        });
    }
}

/// <summary>A generic CSV with its column mapping, from the command line and from a scenario.</summary>
public class GenericTraceMappingTests
{
    [Test]
    public void ColumnsFromTheCommandLineAndTheScenario()
    {
        string dir = Directory.CreateTempSubdirectory("fleetsim-generic-").FullName;
        string csv = Path.Combine(dir, "log.csv");
        File.WriteAllLines(csv, ["ts_ms,prompt,completion", .. Enumerable.Range(0, 3000).Select(i => $"{i * 60_000L / 10},{84_000},{1_000}")]);
        var stdout = new StringWriter();
        int cli = global::FleetSim.Cli.Cli.Run(["trace", "summarize", csv, "--columns", "ts_ms,prompt,completion,0.001", "--out", Path.Combine(dir, "s")], stdout, new StringWriter());
        string yaml = ScenarioLoader.DefaultScenarioYaml();
        int start = yaml.IndexOf("traffic:", StringComparison.Ordinal), end = yaml.IndexOf("\nreplica:", StringComparison.Ordinal);
        string scenario = Path.Combine(dir, "s.yaml");
        File.WriteAllText(scenario, yaml[..start] +
            "traffic:\n  trace: log.csv\n  trace_format: generic\n  trace_columns: { timestamp: ts_ms, input_tokens: prompt, output_tokens: completion, timestamp_unit: 0.001 }\n" + yaml[end..]);
        ScenarioSpec s = ScenarioLoader.LoadFile(scenario);
        Assert.Multiple(() =>
        {
            Assert.That(cli, Is.EqualTo(0));
            Assert.That(stdout.ToString(), Does.Contain("3,000"));
            Assert.That(s.Traffic.RequestMix.ProcessedTokens, Is.EqualTo(85_000).Within(1e-6));
            Assert.That(((TraceShape)s.Traffic.DailyShape).Profile.Minutes, Is.EqualTo(300));
        });
        Directory.Delete(dir, recursive: true);
    }
}
