using FleetSim.Traffic.Traces;

namespace FleetSim.Tests.Traces;

[TestFixture]
public sealed class AzureTraceTests : TraceFiles
{
    [Test]
    public void SevenDigitStampsWithoutZoneAreUtcAndCrlfLineEndsRead()
    {
        var path = Write("azure2023.csv",
        [
            "TIMESTAMP,ContextTokens,GeneratedTokens",
            "2023-11-16 18:17:03.9799600,4808,10",
            "2023-11-16 18:17:04.0319600,3180,8",
            "2023-11-16 18:18:03.9799600,110,27",
        ], newline: "\r\n");
        var stats = new TraceStats();
        var requests = ReadAll(path, stats: stats);
        Assert.That(requests, Has.Count.EqualTo(3));
        Assert.That(requests[0], Is.EqualTo(new TraceRequest(0, 4808, 10)));
        Assert.That(requests[1].Seconds, Is.EqualTo(0.052).Within(1e-9));
        Assert.That(requests[2].Seconds, Is.EqualTo(60).Within(1e-9));
        Assert.That(requests[2].OutputTokens, Is.EqualTo(27));
        Assert.That(stats.Rows, Is.EqualTo(3));
        Assert.That(stats.Requests, Is.EqualTo(3));
        Assert.That(stats.Format, Is.EqualTo(TraceFormat.Azure));
    }

    [Test]
    public void OffsetStampsWithAnyFractionOrNone()
    {
        var path = Write("azure2024.csv",
        [
            "TIMESTAMP,ContextTokens,GeneratedTokens",
            "2024-05-10 00:00:00.009930+00:00,2048,12",
            "2024-05-10 00:00:01+00:00,100,5",
            "2024-05-10 02:00:02.5+02:00,7,1",
        ]);
        var requests = ReadAll(path);
        Assert.That(requests.Select(r => r.Seconds), Is.EqualTo(new[] { 0, 0.99007, 2.49007 }).Within(1e-9));
    }

    [Test]
    public void HeaderMatchesWithBomCaseAndSpaces()
    {
        var path = Write("bom.csv", [" timestamp , contexttokens ,GENERATEDTOKENS", "2023-11-16 18:17:03.9799600,1,2"], bom: true);
        Assert.That(TraceReader.Detect(path), Is.EqualTo(TraceFormat.Azure));
        Assert.That(ReadAll(path), Is.EqualTo(new[] { new TraceRequest(0, 1, 2) }));
    }
}
