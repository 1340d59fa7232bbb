using System.IO.Compression;
using FleetSim.Replicas;
using FleetSim.Scenario;

namespace FleetSim.Tests.Replicas;

/// <summary>Benchmark results kept compressed (gzip, zstd) are read as the JSON they hold, found by magic bytes, the size limit counting the JSON.</summary>
public sealed class CompressedResultTests : ReplicaFixtures
{
    private static readonly string Plain = Path.Combine(RepoRoot, "scenarios/replicas/benchmarks/vllm-c2.json");

    [Test]
    public void GzipAndZstdGiveThePlainFilesPoint()
    {
        byte[] json = File.ReadAllBytes(Plain);
        string gz = Path.Combine(Dir, "c2.json.gz"), zst = Path.Combine(Dir, "c2.zst");
        using (var out1 = new GZipStream(File.Create(gz), CompressionLevel.Optimal))
        {
            out1.Write(json);
        }
        using (var compressor = new ZstdSharp.Compressor())
        {
            File.WriteAllBytes(zst, compressor.Wrap(json).ToArray());
        }
        BenchmarkPoint plain = Single(Plain);
        Assert.Multiple(() =>
        {
            // (1,660,000 + 20,000 tokens) / 120 s = 14,000 tok/s at max_concurrency 2, whatever the wrapping.
            foreach (string file in new[] { gz, zst })
            {
                BenchmarkPoint p = Single(file);
                Assert.That((p.InFlight, p.TokensPerSecond), Is.EqualTo((2, 14_000.0)), file);
                Assert.That(p.TokensPerSecond, Is.EqualTo(plain.TokensPerSecond));
            }
        });
    }

    [Test]
    public void AFileThatInflatesPastTheLimitIsRefusedAsSuch()
    {
        string bomb = Path.Combine(Dir, "bomb.json.gz");
        using (var gzip = new GZipStream(File.Create(bomb), CompressionLevel.Fastest))
        {
            var zeros = new byte[1 << 20];
            for (long written = 0; written <= BenchmarkFile.MaxBytes; written += zeros.Length)
            {
                gzip.Write(zeros);
            }
        }
        Assert.That(new FileInfo(bomb).Length, Is.LessThan(BenchmarkFile.MaxBytes / 100), "the file itself is small");
        var e = Assert.Throws<ScenarioException>(() => BenchmarkFile.Read(bomb));
        Assert.That(e!.Message, Does.Contain("once decompressed (gzip)"));
    }
}
