using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using FleetSim.Reporting;
using static FleetSim.Tests.Hostile.CliRun;

namespace FleetSim.Tests.Cli;

/// <summary>
/// Outputs made from a trace or benchmark files say how they were made (issue 19): traffic.yaml and replica.yaml
/// start with a comment naming version, command, time and each input's SHA-256, and still paste into a scenario;
/// profile.png carries the same in its PNG text.
/// </summary>
public class FileProvenanceTests
{
    private static readonly string RepoRoot = Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../.."));
    private static readonly string Week = Path.Combine(RepoRoot, "scenarios/traces/openai-usage-week.csv");
    private static readonly string[] Benchmarks = [.. new[] { "vllm-c1.json", "vllm-c2.json" }.Select(f => Path.Combine(RepoRoot, "scenarios/replicas/benchmarks", f))];

    private static string FileSha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>
    /// Checks the header lines: "# fleetsim 0.1.0 · COMMAND · yyyy-MM-dd HH:mm:ss UTC" (a time between the two
    /// instants, to the second), then "# sha256 HASH  FILE" for each file; returns the text after them.
    /// </summary>
    private static string AfterHeader(string yaml, string command, string[] files, DateTimeOffset before, DateTimeOffset after)
    {
        string[] lines = yaml.Split('\n');
        Match first = Regex.Match(lines[0], @"^# fleetsim 0\.1\.0 · (.*) · (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC$");
        Assert.That(first.Success, Is.True, lines[0]);
        var at = DateTimeOffset.ParseExact(first.Groups[2].Value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.Multiple(() =>
        {
            Assert.That(first.Groups[1].Value, Is.EqualTo(command));
            Assert.That(at, Is.InRange(before.AddSeconds(-1), after));
            for (int i = 0; i < files.Length; i++)
            {
                Assert.That(lines[1 + i], Is.EqualTo($"# sha256 {FileSha256(files[i])}  {files[i]}"));
            }
        });
        return string.Join('\n', lines[(1 + files.Length)..]);
    }

    /// <summary><paramref name="scenario"/> with its top-level <paramref name="section"/> replaced by <paramref name="pasted"/>, as a user pastes it.</summary>
    private static string Pasted(string scenario, string section, string pasted)
    {
        var result = new StringBuilder();
        bool inSection = false;
        foreach (string line in scenario.Split('\n'))
        {
            if (line.Length > 0 && char.IsAsciiLetterLower(line[0]))
            {
                inSection = line.StartsWith(section + ":", StringComparison.Ordinal);
                if (inSection)
                {
                    result.Append(pasted);
                }
            }
            if (!inSection)
            {
                result.Append(line).Append('\n');
            }
        }
        return result.ToString();
    }

    [Test]
    public void ReplicaFitStartsWithVersionCommandTimeAndEachFilesHash()
    {
        string dir = TempDir();
        try
        {
            DateTimeOffset before = DateTimeOffset.UtcNow;
            var (code, output, err) = Fleetsim(["replica", "fit", .. Benchmarks, "--gpus", "4", "--out", dir]);
            DateTimeOffset after = DateTimeOffset.UtcNow;
            Assert.That(code, Is.EqualTo(0), err);
            string rest = AfterHeader(output, $"fleetsim replica fit {Benchmarks[0]} {Benchmarks[1]} --gpus 4 --out {dir}", Benchmarks, before, after);
            Assert.Multiple(() =>
            {
                Assert.That(rest, Does.StartWith("# fitted by fleetsim replica fit from 2 result files"));
                Assert.That(File.ReadAllText(Path.Combine(dir, "replica.yaml")), Is.EqualTo(output), "the file is what was printed");
            });
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void ReplicaYamlWithItsHeaderPastesIntoAScenario()
    {
        var (code, output, err) = Fleetsim(["replica", "fit", .. Benchmarks, "--gpus", "4"]);
        Assert.That(code, Is.EqualTo(0), err);
        string scenario = Pasted(File.ReadAllText(Path.Combine(RepoRoot, "scenarios/cline-k2-floor.yaml")), "replica",
                                 output.Replace("replica:\n", "replica:\n  usd_per_gpu_hour: 6.5\n", StringComparison.Ordinal));
        string file = Path.Combine(Path.GetTempPath(), $"fleetsim-pasted-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, scenario);
        try
        {
            var (valid, printed, problem) = Fleetsim("validate", file);
            Assert.Multiple(() =>
            {
                Assert.That(valid, Is.EqualTo(0), problem);
                // vllm-c2.json's point: (1,660,000 + 20,000 tokens) / 120 s = 14,000 tok/s at 2 in flight.
                Assert.That(printed, Does.Contain("replica 4 GPUs × 14K tok/s × 2 in flight"));
            });
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void TraceFitStartsWithTheTracesHashAndPastesIntoAScenario()
    {
        string dir = TempDir();
        string file = Path.Combine(Path.GetTempPath(), $"fleetsim-pasted-{Guid.NewGuid():N}.yaml");
        try
        {
            DateTimeOffset before = DateTimeOffset.UtcNow;
            var (code, output, err) = Fleetsim("trace", "fit", Week, "--out", dir);
            DateTimeOffset after = DateTimeOffset.UtcNow;
            Assert.That(code, Is.EqualTo(0), err);
            string rest = AfterHeader(output, $"fleetsim trace fit {Week} --out {dir}", [Week], before, after);
            Assert.That(rest, Does.StartWith($"# fitted by fleetsim trace fit from {Week}"));
            Assert.That(File.ReadAllText(Path.Combine(dir, "traffic.yaml")), Is.EqualTo(output));

            File.WriteAllText(file, Pasted(File.ReadAllText(Path.Combine(RepoRoot, "scenarios/cline-k2-floor.yaml")), "traffic", output));
            var (valid, printed, problem) = Fleetsim("validate", file);
            Assert.Multiple(() =>
            {
                Assert.That(valid, Is.EqualTo(0), problem);
                // The README's summary of this week: 20.6B processed tokens over a 730-hour month.
                Assert.That(printed, Does.Contain("730 h, 20.6B processed tokens"));
            });
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
            File.Delete(file);
        }
    }

    [Test]
    public void TraceSummarizesChartCarriesTheTracesHashInItsPngText()
    {
        string dir = TempDir();
        try
        {
            var (code, _, err) = Fleetsim("trace", "summarize", Week, "--out", dir);
            Assert.That(code, Is.EqualTo(0), err);
            Dictionary<string, string> text = PngTextChunks(File.ReadAllBytes(Path.Combine(dir, "profile.png")));
            Assert.Multiple(() =>
            {
                Assert.That(text["Software"], Is.EqualTo("fleetsim 0.1.0"));
                Assert.That(text["Description"], Does.Match(
                    $@"^fleetsim 0\.1\.0 · fleetsim trace summarize {Regex.Escape(Week)} --out {Regex.Escape(dir)} · {Regex.Escape(Week)} sha256 {FileSha256(Week)} · \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d UTC$"));
                Assert.That(text["Creation Time"], Does.EndWith(" GMT"));
            });
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>profile.png is written by a faster encoder than ScottPlot's own: the same pixels, decoded, as ScottPlot's PNG of the same chart.</summary>
    [Test]
    public void TraceSummarizesChartHasThePixelsOfScottPlotsOwnPng()
    {
        string dir = TempDir();
        try
        {
            Assert.That(Fleetsim("trace", "summarize", Week, "--out", dir).Code, Is.EqualTo(0));
            var profile = FleetSim.Traffic.Traces.TraceProfile.Read(Week, new FleetSim.Traffic.Traces.TraceOptions());
            byte[] scottPlots = FleetSim.Reporting.Charts.TraceProfileChart.Draw(profile).GetImageBytes(1600, 900, ScottPlot.ImageFormat.Png);
            using var expected = SkiaSharp.SKBitmap.Decode(scottPlots);
            using var written = SkiaSharp.SKBitmap.Decode(File.ReadAllBytes(Path.Combine(dir, "profile.png")));
            Assert.Multiple(() =>
            {
                Assert.That((written.Width, written.Height), Is.EqualTo((1600, 900)));
                Assert.That(written.Bytes.SequenceEqual(expected.Bytes), Is.True, "same pixels");
            });
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void ALineBreakInTheCommandStaysInsideTheComment()
    {
        var provenance = new FileProvenance("0.1.0", "fleetsim trace fit 'a\nb.csv'", [new InputFile("a\nb.csv", new string('0', 64))],
                                            new DateTimeOffset(2026, 11, 30, 23, 0, 5, TimeSpan.Zero));
        Assert.Multiple(() =>
        {
            Assert.That(provenance.YamlComment().ReplaceLineEndings("\n"), Is.EqualTo(
                "# fleetsim 0.1.0 · fleetsim trace fit 'a b.csv' · 2026-11-30 23:00:05 UTC\n" +
                $"# sha256 {new string('0', 64)}  a b.csv\n"));
            Assert.That(provenance.Line(), Is.EqualTo($"fleetsim 0.1.0 · fleetsim trace fit 'a b.csv' · a b.csv sha256 {new string('0', 64)} · 2026-11-30 23:00:05 UTC"));
        });
    }

    [Test]
    public void ReadmeComparisonIgnoresOnlyTheTime()
    {
        const string Printed = "# fleetsim 0.1.0 · fleetsim replica fit a.json · 2026-11-30 23:00:05 UTC\n# sha256 00  a.json\nreplica:\n";
        Assert.Multiple(() =>
        {
            Assert.That(ProvenanceComments.WithoutTime(Printed),
                        Is.EqualTo(ProvenanceComments.WithoutTime(Printed.Replace("23:00:05", "01:02:03", StringComparison.Ordinal))));
            Assert.That(ProvenanceComments.WithoutTime(Printed),
                        Is.Not.EqualTo(ProvenanceComments.WithoutTime(Printed.Replace("a.json ·", "b.json ·", StringComparison.Ordinal))));
            Assert.That(ProvenanceComments.WithoutTime(Printed),
                        Is.Not.EqualTo(ProvenanceComments.WithoutTime(Printed.Replace("# sha256 00", "# sha256 01", StringComparison.Ordinal))));
        });
    }

    /// <summary>The tEXt chunks of a PNG by keyword, read per the PNG specification (length, type, data, CRC).</summary>
    private static Dictionary<string, string> PngTextChunks(byte[] png)
    {
        var chunks = new Dictionary<string, string>();
        for (int at = 8; at + 8 <= png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            if (Encoding.ASCII.GetString(png, at + 4, 4) == "tEXt")
            {
                ReadOnlySpan<byte> data = png.AsSpan(at + 8, length);
                int zero = data.IndexOf((byte)0);
                chunks[Encoding.Latin1.GetString(data[..zero])] = Encoding.Latin1.GetString(data[(zero + 1)..]);
            }
            at += 12 + length;
        }
        return chunks;
    }
}
