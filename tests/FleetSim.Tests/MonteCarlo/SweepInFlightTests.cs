using System.Text.Json.Nodes;
using FleetSim.Reporting;

namespace FleetSim.Tests.MonteCarlo;

/// <summary>
/// Issue 16: a sweep says, per grid point, the max in flight its replicas ran with, and whether the
/// scenario's slo lowered it, in runs.csv, summary.csv, the table and the JSON; merge keeps it.
/// </summary>
/// <remarks>
/// The grid varies slo.ttft_p95_seconds on the seed's replica (26.6K tok/s at 8 in flight, prefill
/// 4 × 26.6K = 106,400 tok/s) with every request the mean size (size_cv 0): 85K processed tokens, 84K of
/// them input, 16.5 % of that fresh (cache_hit_share 0.835), so 13,860 fresh tokens. With n in flight
/// the worst first token comes after 13,860·n/106,400 = 0.13026·n s, so the most in flight that meets
/// 0.3 s is ⌊0.3/0.13026⌋ = 2, that meets 0.7 s is ⌊5.37⌋ = 5, and 2 s allows 15, above the
/// configured 8, which stays.
/// </remarks>
public class SweepInFlightTests
{
    private static readonly string[] Sweep =
    [
        "sweep", "--runs", "4", "--seed", "3", "--policies", "floor",
        "--set", "horizon_hours=48",
        "--set", "traffic.noise={minute_cv: 0.2, minute_correlation: 0.9, daily_cv: 0.1}",
        "--set", "traffic.request_mix.size_cv=0",
        "--set", "slo.ttft_p95_seconds=0.3,0.7,2",
    ];

    /// <summary>(max in flight run, configured) per grid point, worked out in the remarks.</summary>
    private static readonly (int Runs, int Configured)[] Expected = [(2, 8), (5, 8), (8, 8)];

    private string _root = "";

    [SetUp]
    public void MakeRoot() => _root = Directory.CreateTempSubdirectory("fleetsim-sweep-inflight-").FullName;

    [TearDown]
    public void RemoveRoot() => Directory.Delete(_root, recursive: true);

    private (string Dir, string Stdout) Run(string name, params string[] extra)
    {
        string dir = Path.Combine(_root, name);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = global::FleetSim.Cli.Cli.Run([.. Sweep, "--out", dir, .. extra], stdout, stderr);
        Assert.That(code, Is.EqualTo(0), stderr.ToString());
        return (dir, stdout.ToString());
    }

    [Test]
    public void EveryOutputGivesEachGridPointsMaxInFlight()
    {
        var (dir, table) = Run("whole");
        var (_, json) = Run("json", "--json");
        string[] runs = File.ReadAllLines(Path.Combine(dir, "runs.csv"));
        string[] summary = File.ReadAllLines(Path.Combine(dir, "summary.csv"));
        JsonArray groups = JsonNode.Parse(json)!["groups"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(runs[0], Does.EndWith(",max_in_flight,max_in_flight_configured"));
            Assert.That(summary[0], Does.EndWith(",max_in_flight,max_in_flight_configured"));
            Assert.That(runs, Has.Length.EqualTo(1 + 3 * 4));
            foreach (string row in runs.Skip(1))
            {
                string[] f = row.Split(',');
                int grid = int.Parse(f[1]);
                Assert.That((int.Parse(f[^2]), int.Parse(f[^1])), Is.EqualTo(Expected[grid]), row);
            }
            for (int g = 0; g < 3; g++)
            {
                string[] f = summary[1 + g].Split(',');
                Assert.That((int.Parse(f[^2]), int.Parse(f[^1])), Is.EqualTo(Expected[g]), summary[1 + g]);
                Assert.That(((int)groups[g]!["max_in_flight"]!, (int)groups[g]!["max_in_flight_configured"]!), Is.EqualTo(Expected[g]));
            }
            Assert.That(table, Does.Contain("in flight"));
            Assert.That(table, Does.Contain("2 (slo; 8)"));
            Assert.That(table, Does.Contain("5 (slo; 8)"));
        });
    }

    [Test]
    public void MergeKeepsTheColumnsByteForByte()
    {
        var (whole, _) = Run("whole");
        var (a, _) = Run("a", "--shard", "1/2");
        var (b, _) = Run("b", "--shard", "2/2");
        string merged = Path.Combine(_root, "merged");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.That(global::FleetSim.Cli.Cli.Run(["merge", a, b, "--out", merged], stdout, stderr), Is.EqualTo(0), stderr.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(Path.Combine(merged, "runs.csv")), Is.EqualTo(File.ReadAllText(Path.Combine(whole, "runs.csv"))));
            Assert.That(File.ReadAllText(Path.Combine(merged, "summary.csv")), Is.EqualTo(File.ReadAllText(Path.Combine(whole, "summary.csv"))));
            Assert.That(stdout.ToString(), Does.Contain("2 (slo; 8)"));
        });
    }

    /// <summary>A runs.csv written before the two columns still reads: its max in flight is unknown, written empty, and the table leaves the column out.</summary>
    [Test]
    public void ARunsCsvWithoutTheColumnsStillReads()
    {
        var (whole, _) = Run("whole");
        string old = Path.Combine(_root, "old.csv");
        File.WriteAllLines(old, File.ReadAllLines(Path.Combine(whole, "runs.csv"))
            .Select((line, i) => i == 0 ? SweepCsv.BeforeInFlightHeader : string.Join(',', line.Split(',')[..^2])));
        var records = SweepCsv.ReadRuns(old);
        var summary = new StringWriter();
        SweepCsv.WriteSummary(FleetSim.Runs.MonteCarlo.SweepSummary.Of(records), summary);
        Assert.Multiple(() =>
        {
            Assert.That(records.Select(r => r.MaxInFlight), Is.All.Null);
            Assert.That(summary.ToString().Split('\n')[1], Does.EndWith(",,"));
        });
    }

    /// <summary>A malformed max in flight in runs.csv is an error naming the file and line.</summary>
    [Test]
    public void AMalformedMaxInFlightNamesTheLine()
    {
        var (whole, _) = Run("whole");
        string bad = Path.Combine(_root, "bad.csv");
        string[] lines = File.ReadAllLines(Path.Combine(whole, "runs.csv"));
        lines[2] = string.Join(',', lines[2].Split(',')[..^1]) + ",0";
        File.WriteAllLines(bad, lines);
        Assert.That(() => SweepCsv.ReadRuns(bad), Throws.TypeOf<FormatException>().With.Message.Contains("bad.csv:3").And.Message.Contains("max in flight"));
    }
}
