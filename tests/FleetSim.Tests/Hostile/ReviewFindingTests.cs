using static FleetSim.Tests.Hostile.CliRun;

namespace FleetSim.Tests.Hostile;

/// <summary>What a fresh-clone review of issue 15 found, each now one message and exit 2.</summary>
public class ReviewFindingTests
{
    private static void Refused(string[] args, params string[] says)
    {
        var (code, output, err) = Fleetsim(args);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2), err + output);
            Assert.That(err.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1), err);
            foreach (string s in says)
            {
                Assert.That(err, Does.Contain(s));
            }
        });
    }

    [TestCase("api.usd_per_million_tokens=1e-300", "must be at least 0.001")]
    [TestCase("replica.usd_per_gpu_hour=1e-300", "must be at least 0.01")]
    [TestCase("api.usd_per_million_tokens=1e-6", "must be at least 0.001")]
    [TestCase("traffic.daily_shape.hourly_percentiles={trough: 1e-300, p50: 2e-300, p90: 3e-300, p99: 4e-300}", "must be at least 0.001")]
    public void APriceOrRateTooSmallToMeanAnythingIsRefused(string set, string says) =>
        Refused(["run", "--set", set, "--json"], set.Split('=')[0], says);

    [TestCase("run", "--out")]
    [TestCase("run", "--seed")]
    [TestCase("run", "--router")]
    [TestCase("sweep", "--runs")]
    [TestCase("tiers", "--spend")]
    [TestCase("compare", "--out")]
    public void AFlagGivenNoValueIsRefused(string verb, string flag) =>
        Refused([verb, flag], $"{flag}: needs a value");

    [Test]
    public void AFlagFollowedByAnotherFlagHasNoValue() =>
        Refused(["run", "--out", "--json"], "--out: needs a value");

    [Test]
    public void APolicyNamedTwiceIsRefused() =>
        Refused(["compare", "--policies", "floor,floor", "--set", "horizon_hours=1"], "'floor' is named twice");

    [Test]
    public void AReportOfMoreThanAMillionMonthsNeedsForce() =>
        Refused(["report", "--runs", "1000000", "--set", "traffic.noise={minute_cv: 0.1}", "--set", "horizon_hours=1", "--out", TempDir()],
                "--runs", "simulated months", "--force");

    [Test]
    public void MergeIntoOneOfItsShardsIsRefusedAndACorruptRunIsNamed()
    {
        string dir = TempDir();
        try
        {
            string a = Path.Combine(dir, "a"), b = Path.Combine(dir, "b");
            string[] sweep = ["sweep", "--runs", "2", "--policies", "floor", "--set", "horizon_hours=1"];
            Assert.That(Fleetsim([.. sweep, "--shard", "1/2", "--out", a]).Code, Is.EqualTo(0));
            Assert.That(Fleetsim([.. sweep, "--shard", "2/2", "--out", b]).Code, Is.EqualTo(0));
            string before = File.ReadAllText(Path.Combine(a, "runs.csv"));
            Refused(["merge", "--out", a, a, b], $"--out {a}: is the shard folder");
            Refused(["merge", "--out", Path.Combine(a, "inner"), a, b], "is the shard folder");
            Assert.That(File.ReadAllText(Path.Combine(a, "runs.csv")), Is.EqualTo(before), "the shard is untouched");

            string runs = Path.Combine(b, "runs.csv");
            string[] lines = File.ReadAllLines(runs);
            string[] fields = lines[1].Split(',');
            fields[14] = "NaN"; // utilization
            lines[1] = string.Join(',', fields);
            File.WriteAllLines(runs, lines);
            Refused(["merge", "--out", Path.Combine(dir, "m"), a, b], $"{runs}:2", "'NaN' is not a finite number");
            Assert.That(Directory.Exists(Path.Combine(dir, "m")), Is.False);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void AnOutPathUnderAFileNamesTheFlag()
    {
        string file = Path.GetTempFileName();
        try
        {
            Refused(["run", "--set", "horizon_hours=1", "--out", Path.Combine(file, "sub")], $"--out {Path.Combine(file, "sub")}: cannot make this folder");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestCase("sweep", "summary.csv", "--runs", "200000", "--policies", "floor,schedule")]
    [TestCase("tiers", "tiers.png")]
    public void AnUnwritableTargetIsRefusedBeforeTheWork(string verb, string blocked, params string[] rest)
    {
        string dir = TempDir();
        Directory.CreateDirectory(Path.Combine(dir, blocked));
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            Refused([verb, .. rest, "--out", dir], $"{blocked} is a folder", "nothing was written");
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "refused before 400,000 months or a tier analysis ran");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
