using System.IO.Compression;
using System.Text;
using FleetSim.Traffic.Traces;

namespace FleetSim.Tests.Traces;

/// <summary>JSON exports (LiteLLM spend logs, OpenAI usage) read through gzip and zstd like any trace, a cut one refused.</summary>
[TestFixture]
public sealed class CompressedJsonTraceTests : TraceFiles
{
    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal)) gzip.Write(bytes);
        return output.ToArray();
    }

    private string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>2,000 calls a second apart, input 100 + i, in one compact array.</summary>
    private static byte[] SpendLogs() => Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Range(0, 2000).Select(i =>
        $"{{\"request_id\":\"c{i}\",\"startTime\":\"2025-01-15T10:{i / 60 % 60:00}:{i % 60:00}Z\",\"model\":\"m\"," +
        $"\"prompt_tokens\":{100 + i},\"completion_tokens\":5,\"metadata\":{{}}}}")) + "]");

    [Test]
    public void GzipAndZstdExportsAreDetectedAndReadLikeThePlainOne()
    {
        var bytes = SpendLogs();
        using var zstd = new ZstdSharp.Compressor();
        foreach (var (name, data, compression) in new[]
                 {
                     ("logs.json", bytes, (string?)null), ("logs.json.gz", Gzip(bytes), "gzip"), ("logs.json.zst", zstd.Wrap(bytes).ToArray(), "zstd"),
                 })
        {
            var path = WriteBytes(name, data);
            var stats = new TraceStats();
            Assert.That(TraceReader.Detect(path), Is.EqualTo(TraceFormat.LiteLlmSpendLogs), name);
            var requests = ReadAll(path, stats: stats);
            Assert.That(requests, Has.Count.EqualTo(2000), name);
            Assert.That(requests.Sum(r => r.InputTokens), Is.EqualTo(2000 * 100 + 2000 * 1999 / 2), name);
            Assert.That(requests[^1].Seconds, Is.EqualTo(1999), name);
            Assert.That(stats.Compression, Is.EqualTo(compression), name);
        }
    }

    [Test]
    public void ACutGzipExportFailsNamingTheFile()
    {
        var gz = Gzip(SpendLogs());
        var path = WriteBytes("cut.json.gz", gz[..(gz.Length - 4)]);
        var e = Assert.Throws<TraceException>(() => ReadAll(path, new TraceOptions(Format: TraceFormat.LiteLlmSpendLogs)))!;
        Assert.That(e.Message, Does.StartWith(path + ": not a readable gzip stream: "));
    }

    [Test]
    public void AGzipUsagePageReads()
    {
        var page = "{\"object\": \"page\", \"data\": [{\"object\": \"bucket\", \"start_time\": 1736899200, \"end_time\": 1736899260, " +
                   "\"results\": [{\"input_tokens\": 600, \"input_cached_tokens\": 100, \"output_tokens\": 60, \"num_model_requests\": 3, " +
                   "\"model\": \"gpt-4o\"}]}], \"has_more\": false}";
        var path = WriteBytes("usage.json.gz", Gzip(Encoding.UTF8.GetBytes(page)));
        Assert.That(TraceReader.Detect(path), Is.EqualTo(TraceFormat.OpenAiUsage));
        Assert.That(ReadAll(path), Is.EqualTo(new[] { new TraceRequest(0, 600, 60, Count: 3, CachedInputTokens: 100, SpreadSeconds: 60) }));
    }
}
