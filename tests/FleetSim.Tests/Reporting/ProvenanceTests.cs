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
    public void SweepMergeAndTiersSayHowTheyWereMade()
    {
        string dir = TempDir();
        string sha = FileSha256(Path.Combine(RepoRoot, "scenarios/cline-k2-floor.yaml"));
        try
        {
            string a = Path.Combine(dir, "a"), b = Path.Combine(dir, "b"), merged = Path.Combine(dir, "m"), tiers = Path.Combine(dir, "t");
            string[] sweep = ["sweep", "--runs", "2", "--policies", "floor", "--set", "horizon_hours=24", "--seed", "5"];
            Assert.That(Fleetsim([.. sweep, "--shard", "1/2", "--out", a]).Code, Is.EqualTo(0));
            Assert.That(Fleetsim([.. sweep, "--shard", "2/2", "--out", b]).Code, Is.EqualTo(0));
            var (code, output, err) = Fleetsim("merge", a, b, "--out", merged, "--json");
            Assert.That(code, Is.EqualTo(0), err);
            using (JsonDocument shard = JsonDocument.Parse(File.ReadAllText(Path.Combine(a, "sweep.json"))))
            {
                HasProvenance(shard.RootElement, $"fleetsim sweep --runs 2 --policies floor --set horizon_hours=24 --seed 5 --shard 1/2 --out {a}", sha, seed: 5);
                Assert.That(shard.RootElement.GetProperty("shard").GetString(), Is.EqualTo("1/2"), "the manifest is still there beside it");
            }
            using (JsonDocument printed = JsonDocument.Parse(output))
            {
                HasProvenance(printed.RootElement, $"fleetsim merge {a} {b} --out {merged} --json", sha, seed: 5);
            }
            Assert.That(Fleetsim("tiers", "--spend", "185K", "--set", "horizon_hours=24", "--out", tiers).Code, Is.EqualTo(0));
            using (JsonDocument t = JsonDocument.Parse(File.ReadAllText(Path.Combine(tiers, "tiers.json"))))
            {
                HasProvenance(t.RootElement, $"fleetsim tiers --spend 185K --set horizon_hours=24 --out {tiers}", sha, seed: 1);
            }
            Assert.That(File.ReadAllText(Path.Combine(tiers, "tiers.md")).TrimEnd(), Does.EndWith(" UTC*").And.Contain($"scenario sha256 {sha[..12]}…"));
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

/// <summary>Charts carry the same provenance in their PNG text chunks, with valid chunk checksums.</summary>
public class PngProvenanceTests
{
    /// <summary>CRC-32 (IEEE 802.3, reflected 0xEDB88320) bit by bit, as the PNG specification's annex gives it.</summary>
    private static uint Crc(ReadOnlySpan<byte> bytes)
    {
        uint c = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            c ^= b;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }
        }
        return c ^ 0xFFFFFFFF;
    }

    private static List<(string Type, byte[] Data)> Chunks(byte[] png)
    {
        var chunks = new List<(string, byte[])>();
        int at = 8;
        while (at < png.Length)
        {
            int length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            string type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            uint crc = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length));
            Assert.That(crc, Is.EqualTo(Crc(png.AsSpan(at + 4, 4 + length))), $"CRC of the {type} chunk");
            chunks.Add((type, png[(at + 8)..(at + 8 + length)]));
            at += 12 + length;
        }
        return chunks;
    }

    [Test]
    public void CompareChartsSayHowTheyWereMade()
    {
        string dir = TempDir();
        try
        {
            var (code, _, err) = Fleetsim("compare", "--policies", "floor", "--set", "horizon_hours=24", "--out", dir);
            Assert.That(code, Is.EqualTo(0), err);
            foreach (string chart in new[] { "compare.png", "timeline.png" })
            {
                var chunks = Chunks(File.ReadAllBytes(Path.Combine(dir, chart)));
                Assert.That(chunks[0].Type, Is.EqualTo("IHDR"));
                Assert.That(chunks[^1].Type, Is.EqualTo("IEND"));
                var text = chunks.Where(c => c.Type == "tEXt")
                                 .Select(c => System.Text.Encoding.Latin1.GetString(c.Data).Split('\0'))
                                 .ToDictionary(kv => kv[0], kv => kv[1]);
                Assert.That(text["Software"], Is.EqualTo("fleetsim 0.1.0"));
                // The built-in default is the shipped file: its hash, taken here from the file's bytes.
                string sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
                    File.ReadAllBytes(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../../scenarios/cline-k2-floor.yaml"))));
                Assert.That(text["Description"], Does.StartWith("fleetsim 0.1.0 · fleetsim compare --policies floor --set horizon_hours=24 --out ")
                                                       .And.Contain($"scenario sha256 {sha} · "));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
