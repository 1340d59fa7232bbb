using System.IO.Compression;
using FleetSim.Traffic.Traces;

namespace FleetSim.Tests.Traces;

/// <summary>Gzip and zstd traces, told by their first bytes whatever their names; damaged or binary files refused in one line.</summary>
[TestFixture]
public sealed class CompressedTraceTests : TraceFiles
{
    private string Plain() => Write("trace.csv",
    [
        "TIMESTAMP,ContextTokens,GeneratedTokens",
        .. Enumerable.Range(0, 2000).Select(i => $"2023-11-16 18:{i / 60 % 60:00}:{i % 60:00}.{i:0000000},{100 + i},{1 + i % 9}"),
    ]);

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal)) gzip.Write(bytes);
        return output.ToArray();
    }

    private static byte[] Zstd(byte[] bytes)
    {
        using var compressor = new ZstdSharp.Compressor();
        return compressor.Wrap(bytes).ToArray();
    }

    private string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Test]
    public void PlainGzipZstdAndGzipNamedCsvReadTheSame()
    {
        var plain = Plain();
        var bytes = File.ReadAllBytes(plain);
        var expected = ReadAll(plain);
        Assert.That(expected, Has.Count.EqualTo(2000));
        foreach (var (name, data, compression) in new[]
                 {
                     ("trace.csv.gz", Gzip(bytes), "gzip"), ("trace.csv.zst", Zstd(bytes), "zstd"), ("really-gzip.csv", Gzip(bytes), "gzip"),
                     ("two-members.gz", [.. Gzip(bytes[..1234]), .. Gzip(bytes[1234..])], "gzip"),
                     ("two-frames.zst", [.. Zstd(bytes[..777]), .. Zstd(bytes[777..])], "zstd"),
                 })
        {
            var path = WriteBytes(name, data);
            var stats = new TraceStats();
            Assert.That(TraceReader.Detect(path), Is.EqualTo(TraceFormat.Azure), name);
            Assert.That(ReadAll(path, stats: stats), Is.EqualTo(expected), name);
            Assert.That(stats.Compression, Is.EqualTo(compression), name);
            Assert.That(stats.Format, Is.EqualTo(TraceFormat.Azure), name);
        }
        var plainStats = new TraceStats();
        ReadAll(plain, stats: plainStats);
        Assert.That(plainStats.Compression, Is.Null);
    }

    [Test]
    public void JsonLinesAreDetectedThroughCompression()
    {
        var lines = "{\"timestamp\": 1000, \"input_length\": 5, \"output_length\": 1}\n{\"timestamp\": 3500, \"input_length\": 7, \"output_length\": 2}\n";
        var path = WriteBytes("mooncake.data", Zstd(System.Text.Encoding.UTF8.GetBytes(lines)));
        Assert.That(TraceReader.Detect(path), Is.EqualTo(TraceFormat.Mooncake));
        Assert.That(ReadAll(path), Is.EqualTo(new[] { new TraceRequest(0, 5, 1), new TraceRequest(2.5, 7, 2) }));
    }

    [TestCase(0.5)]
    [TestCase(0.9)]
    [TestCase(-4)]
    [TestCase(-1)]
    public void ATruncatedGzipFailsInOneLineNamingTheFile(double cut)
    {
        var gz = Gzip(File.ReadAllBytes(Plain()));
        var keep = cut > 0 ? (int)(gz.Length * cut) : gz.Length + (int)cut;
        var path = WriteBytes("cut.csv.gz", gz[..keep]);
        var e = ReadFails(path);
        Assert.That(e.Line, Is.Zero);
        Assert.That(e.Message, Does.StartWith(path + ": not a readable gzip stream: "));
        Assert.That(e.Message, Does.Not.Contain("\n"));
        var skipping = Assert.Throws<TraceException>(() => ReadAll(path, new TraceOptions(SkipBadRows: true)))!;
        Assert.That(skipping.Message, Does.StartWith(path + ": not a readable gzip stream: "));
    }

    [Test]
    public void ACorruptGzipOrATruncatedZstdFailsInOneLine()
    {
        var bytes = File.ReadAllBytes(Plain());
        var gz = Gzip(bytes);
        for (var i = 40; i < 80; i++) gz[i] ^= 0x5A;
        var corrupt = WriteBytes("corrupt.gz", gz);
        Assert.That(ReadFails(corrupt).Message, Does.StartWith(corrupt + ": not a readable gzip stream: "));
        var zst = Zstd(bytes);
        var cut = WriteBytes("cut.zst", zst[..(zst.Length / 2)]);
        Assert.That(ReadFails(cut).Message, Does.StartWith(cut + ": not a readable zstd stream: "));
    }

    [Test]
    public void BinaryFilesAreRefusedNamingTheKindWhenKnown()
    {
        var random = new byte[4096];
        new Random(3).NextBytes(random);
        random[100] = 0;
        var binary = WriteBytes("blob.csv", random);
        Assert.That(ReadFails(binary).Message, Does.StartWith(binary + ": is not text (it holds NUL bytes"));
        Assert.That(Assert.Throws<TraceException>(() => TraceReader.Detect(binary))!.Message, Does.StartWith(binary + ": is not text"));
        var zip = WriteBytes("trace.zip", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3]);
        Assert.That(ReadFails(zip).Message, Does.StartWith(zip + ": is a zip archive"));
    }
}
