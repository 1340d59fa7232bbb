using FleetSim.Traffic.Traces;

namespace FleetSim.Tests.Traffic;

/// <summary>
/// LiteLLM spend-log rows with cache_hit True were answered from the proxy's own response cache and reached
/// no model: they are no load on a fleet or an API, so they are left out and counted.
/// </summary>
public sealed class ResponseCacheHitTests : TraceFixtures
{
    [Test]
    public void CsvCacheHitsAreLeftOutAndCounted()
    {
        string path = Path.Combine(Dir, "spend.csv");
        File.WriteAllLines(path,
        [
            "request_id,prompt_tokens,completion_tokens,startTime,cache_hit,status",
            "a,1000,100,2025-01-15 10:00:00,False,success",
            "b,1000,100,2025-01-15 10:00:10,True,success",
            "c,2000,200,2025-01-15 10:00:20,,success",
            "d,1000,100,2025-01-15 10:00:30,true,success",
        ]);
        var stats = new TraceStats();
        List<TraceRequest> rows = [.. TraceReader.Read(path, new TraceOptions(), stats)];
        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(r => r.ProcessedTokens), Is.EqualTo(new[] { 1100.0, 2200.0 }));
            Assert.That(stats.ResponseCacheHits, Is.EqualTo(2));
            Assert.That(stats.Requests, Is.EqualTo(2));
        });
    }

    [Test]
    public void JsonCacheHitsAsTextOrBoolAreLeftOutAndCounted()
    {
        string path = Path.Combine(Dir, "spend.json");
        File.WriteAllText(path, """
            [{"request_id": "a", "startTime": "2025-01-15T10:00:00Z", "prompt_tokens": 1000, "completion_tokens": 100, "cache_hit": "False"},
             {"request_id": "b", "startTime": "2025-01-15T10:00:10Z", "prompt_tokens": 1000, "completion_tokens": 100, "cache_hit": "True"},
             {"request_id": "c", "startTime": "2025-01-15T10:00:20Z", "prompt_tokens": 3000, "completion_tokens": 300, "cache_hit": true}]
            """);
        var stats = new TraceStats();
        List<TraceRequest> rows = [.. TraceReader.Read(path, new TraceOptions(), stats)];
        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(r => r.ProcessedTokens), Is.EqualTo(new[] { 1100.0 }));
            Assert.That(stats.ResponseCacheHits, Is.EqualTo(2));
        });
    }
}
