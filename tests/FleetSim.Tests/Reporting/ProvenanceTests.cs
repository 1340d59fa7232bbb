using System.Security.Cryptography;
using System.Text.Json;
using static FleetSim.Tests.Hostile.CliRun;

namespace FleetSim.Tests.Reporting;

/// <summary>Every JSON and report says how it was made: version, command, overrides, seed, scenario hash, time (issue 19).</summary>
public class ProvenanceTests
{
    private static readonly string RepoRoot = Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../.."));

    private static string FileSha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static void HasProvenance(JsonElement root, string command, string sha256, int seed)
    {
        JsonElement p = root.GetProperty("provenance");
        Assert.Multiple(() =>
        {
            Assert.That(p.GetProperty("fleetsim_version").GetString(), Is.EqualTo("0.1.0"));
            Assert.That(p.GetProperty("command").GetString(), Is.EqualTo(command));
            Assert.That(p.GetProperty("seed").GetInt32(), Is.EqualTo(seed));
            Assert.That(p.GetProperty("scenario_sha256").GetString(), Is.EqualTo(sha256));
            DateTimeOffset at = p.GetProperty("generated_utc").GetDateTimeOffset();
            Assert.That(at.Offset, Is.EqualTo(TimeSpan.Zero));
            Assert.That(DateTimeOffset.UtcNow - at, Is.LessThan(TimeSpan.FromMinutes(5)).And.GreaterThan(TimeSpan.FromSeconds(-2)));
        });
    }

    [Test]
    public void RunsJsonNamesTheBuiltInDefaultByTheHashOfItsFile()
    {
        var (code, output, err) = Fleetsim("run", "--set", "horizon_hours=24", "--seed", "7", "--json");
        Assert.That(code, Is.EqualTo(0), err);
        using JsonDocument doc = JsonDocument.Parse(output);
        HasProvenance(doc.RootElement, "fleetsim run --set horizon_hours=24 --seed 7 --json",
                      FileSha256(Path.Combine(RepoRoot, "scenarios/cline-k2-floor.yaml")), seed: 7);
        Assert.That(doc.RootElement.GetProperty("provenance").GetProperty("overrides").EnumerateArray().Select(e => e.GetString()),
                    Is.EqualTo(new[] { "horizon_hours=24", "seed=7" }));
    }

    [Test]
    public void CompareJsonNamesTheScenarioFileByItsHash()
    {
        string file = Path.Combine(RepoRoot, "scenarios/cline-k2-time-of-day.yaml");
        string dir = TempDir();
        try
        {
            var (code, output, err) = Fleetsim("compare", file, "--policies", "floor", "--set", "horizon_hours=24", "--set", "traffic.noise={minute_cv: 0.1}", "--json", "--out", dir);
            Assert.That(code, Is.EqualTo(0), err);
            using JsonDocument doc = JsonDocument.Parse(output);
            HasProvenance(doc.RootElement, $"fleetsim compare {file} --policies floor --set horizon_hours=24 --set 'traffic.noise={{minute_cv: 0.1}}' --json --out {dir}",
                          FileSha256(file), seed: 1);
            using JsonDocument written = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "compare.json")));
            Assert.That(written.RootElement.GetProperty("provenance").GetProperty("scenario_sha256").GetString(), Is.EqualTo(FileSha256(file)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void TheReportEndsWithHowItWasMade()
    {
        string dir = TempDir();
        try
        {
            var (code, _, err) = Fleetsim("report", "--runs", "2", "--set", "horizon_hours=24", "--out", dir);
            Assert.That(code, Is.EqualTo(0), err);
            string md = File.ReadAllText(Path.Combine(dir, "report.md"));
            string html = File.ReadAllText(Path.Combine(dir, "report.html"));
            string sha = FileSha256(Path.Combine(RepoRoot, "scenarios/cline-k2-floor.yaml"))[..12];
            Assert.That(md.TrimEnd(), Does.EndWith(" UTC*").And.Contain($"*fleetsim 0.1.0 · fleetsim report --runs 2 --set horizon_hours=24 --out {dir} · seed 1 · scenario sha256 {sha}…"));
            Assert.That(html, Does.Contain("<footer>").And.Contain($"scenario sha256 {sha}…"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
