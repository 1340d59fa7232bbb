using static FleetSim.Tests.Hostile.CliRun;

namespace FleetSim.Tests.Hostile;

/// <summary>Issue 15, kind 3: a run whose output cannot all be written writes none of it.</summary>
public class OutputAllOrNothingTests
{
    [TestCase("bill.txt", "run")]
    [TestCase("minutes.csv", "run")]
    [TestCase("timeline.png", "compare", "--policies", "floor")]
    [TestCase("compare.json", "compare", "--policies", "floor")]
    [TestCase("report.html", "report", "--runs", "2")]
    [TestCase("tiers.png", "tiers", "--spend", "185K")]
    public void ATargetThatIsAFolderIsRefusedAndNothingIsWritten(string blocked, string verb, params string[] rest)
    {
        string dir = TempDir();
        Directory.CreateDirectory(Path.Combine(dir, blocked));
        try
        {
            var (code, _, err) = Fleetsim([verb, .. rest, "--set", "horizon_hours=24", "--out", dir]);
            Assert.Multiple(() =>
            {
                Assert.That(code, Is.EqualTo(2), err);
                Assert.That(err, Does.StartWith("fleetsim: --out ").And.Contain(blocked).And.Contain("nothing was written"));
                Assert.That(err.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1));
                Assert.That(Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName), Is.EquivalentTo(new[] { blocked }),
                            "only the folder that was there before");
            });
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void ASuccessfulRunLeavesNoStagingFolder()
    {
        string dir = TempDir();
        try
        {
            var (code, _, err) = Fleetsim("run", "--set", "horizon_hours=24", "--out", dir);
            Assert.That(code, Is.EqualTo(0), err);
            Assert.That(Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName), Is.EquivalentTo(new[] { "bill.json", "bill.txt", "minutes.csv" }));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
