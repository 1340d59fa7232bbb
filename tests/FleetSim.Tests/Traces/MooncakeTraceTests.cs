using FleetSim.Traffic.Traces;

namespace FleetSim.Tests.Traces;

[TestFixture]
public sealed class MooncakeTraceTests : TraceFiles
{
    [Test]
    public void JsonLinesInMillisecondsAndBlankLinesIgnored()
    {
        var path = Write("mooncake.jsonl",
        [
            "{\"timestamp\": 27482, \"input_length\": 6955, \"output_length\": 52, \"hash_ids\": [46, 47, 48]}",
            "",
            "{\"timestamp\": 30535, \"input_length\": 6472, \"output_length\": 26, \"hash_ids\": [46, 52]}",
            "   ",
            "{\"timestamp\": 30580, \"input_length\": 100, \"output_length\": 1, \"hash_ids\": []}",
        ]);
        var stats = new TraceStats();
        var requests = ReadAll(path, stats: stats);
        Assert.That(requests.Select(r => r.Seconds), Is.EqualTo(new[] { 0, 3.053, 3.098 }).Within(1e-9));
        Assert.That(requests[1].InputTokens, Is.EqualTo(6472));
        Assert.That(requests[1].OutputTokens, Is.EqualTo(26));
        Assert.That(stats.Rows, Is.EqualTo(3));
        Assert.That(stats.Format, Is.EqualTo(TraceFormat.Mooncake));
    }
}
