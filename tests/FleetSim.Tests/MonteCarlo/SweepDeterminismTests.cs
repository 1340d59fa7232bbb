namespace FleetSim.Tests.MonteCarlo;

/// <summary>The same seed and grid give byte-identical files for any thread count and any shard split.</summary>
public class SweepDeterminismTests
{
    private static readonly string[] Sweep =
    [
        "sweep", "--runs", "12", "--seed", "42", "--policies", "floor,schedule,reactive",
        "--set", "horizon_hours=72",
        "--set", "traffic.noise={minute_cv: 0.2, minute_correlation: 0.9, daily_cv: 0.1, bursts: {per_day: 2, height: 0.5, minutes: 20}}",
        "--set", "scaling.failures={mtbf_hours: 50, mttr_hours: 2}",
        "--set", "api.usd_per_million_tokens=0.3,0.4",
        "--json",
    ];

    private string _root = "";

    [SetUp]
    public void MakeRoot() => _root = Directory.CreateTempSubdirectory("fleetsim-sweep-").FullName;

    [TearDown]
    public void RemoveRoot() => Directory.Delete(_root, recursive: true);

    private string Run(string name, params string[] extra)
    {
        string dir = Path.Combine(_root, name);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = global::FleetSim.Cli.Cli.Run([.. Sweep, "--out", dir, .. extra], stdout, stderr);
        Assert.That(code, Is.EqualTo(0), stderr.ToString());
        return dir;
    }

    private static string Bytes(string dir, string file) => File.ReadAllText(Path.Combine(dir, file));

    [Test]
    public void ThreadCountDoesNotChangeTheRuns()
    {
        string one = Run("one", "--threads", "1");
        string two = Run("two", "--threads", "2");
        string many = Run("many", "--threads", "7");
        Assert.Multiple(() =>
        {
            Assert.That(Bytes(two, "runs.csv"), Is.EqualTo(Bytes(one, "runs.csv")));
            Assert.That(Bytes(many, "runs.csv"), Is.EqualTo(Bytes(one, "runs.csv")));
            Assert.That(Bytes(two, "summary.csv"), Is.EqualTo(Bytes(one, "summary.csv")));
            Assert.That(File.ReadAllLines(Path.Combine(one, "runs.csv")), Has.Length.EqualTo(1 + 2 * 3 * 12));
        });
    }

    [TestCase(2)]
    [TestCase(3)]
    [TestCase(5)]
    public void ShardsMergeIntoTheUnshardedSweep(int shards)
    {
        string whole = Run("whole");
        var parts = new List<string>();
        for (int i = 1; i <= shards; i++)
        {
            parts.Add(Run($"part{i}", "--shard", $"{i}/{shards}", "--threads", "1"));
        }
        string merged = Path.Combine(_root, "merged");
        var stderr = new StringWriter();
        int code = global::FleetSim.Cli.Cli.Run(["merge", .. parts, "--out", merged, "--json"], new StringWriter(), stderr);
        Assert.That(code, Is.EqualTo(0), stderr.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(Bytes(merged, "runs.csv"), Is.EqualTo(Bytes(whole, "runs.csv")));
            Assert.That(Bytes(merged, "summary.csv"), Is.EqualTo(Bytes(whole, "summary.csv")));
            // sweep.json says how each was made (the merge's command line, not the sweep's); the rest is the same.
            Assert.That(JsonOutputs.WithoutProvenance(File.ReadAllText(Path.Combine(merged, "sweep.json"))),
                        Is.EqualTo(JsonOutputs.WithoutProvenance(File.ReadAllText(Path.Combine(whole, "sweep.json")))));
            Assert.That(File.Exists(Path.Combine(merged, "sweep.png")), Is.True);
        });
    }

    [Test]
    public void MergeRefusesAnIncompleteOrRepeatedSet()
    {
        string a = Run("a", "--shard", "1/3");
        string b = Run("b", "--shard", "2/3");
        var stderr = new StringWriter();
        int missing = global::FleetSim.Cli.Cli.Run(["merge", a, b, "--out", Path.Combine(_root, "m1")], new StringWriter(), stderr);
        int twice = global::FleetSim.Cli.Cli.Run(["merge", a, a, "--out", Path.Combine(_root, "m2")], new StringWriter(), stderr);
        Assert.Multiple(() =>
        {
            Assert.That(missing, Is.EqualTo(2));
            Assert.That(twice, Is.EqualTo(2));
            Assert.That(stderr.ToString(), Does.Contain("a shard is missing").And.Contain("more than one shard"));
            Assert.That(Directory.Exists(Path.Combine(_root, "m1")), Is.False);
        });
    }

    [Test]
    public void AnotherSeedGivesOtherMonths()
    {
        string a = Run("a");
        string b = Path.Combine(_root, "b");
        int code = global::FleetSim.Cli.Cli.Run([.. Sweep.Select(s => s == "42" ? "43" : s), "--out", b], new StringWriter(), new StringWriter());
        Assert.That(code, Is.EqualTo(0));
        Assert.That(Bytes(b, "runs.csv"), Is.Not.EqualTo(Bytes(a, "runs.csv")));
    }
}
