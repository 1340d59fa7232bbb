using FleetSim.Traffic.Traces;

namespace FleetSim.Tests.Traces;

[TestFixture]
public sealed class BurstGptTraceTests : TraceFiles
{
    /// <summary>A later release's layout: extra columns inserted, a quoted model name with a comma, two failed rows.</summary>
    private string Trace() => Write("burst.csv",
    [
        "Timestamp,Session ID,Elapsed time,Model,Request tokens,Response tokens,Total tokens,Log Type",
        "5,s1,0.5,ChatGPT,472,18,490,Conversation log",
        "5.75,s2,1.5,\"GPT-4, 32k\",1021,0,1021,API log",
        "6.5,s1,0.2,ChatGPT,300,120,420,Conversation log",
        "7,s3,0.1,GPT-4,10,0,10,API log",
    ]);

    [Test]
    public void ReadsByColumnNameAndExcludesFailedRequests()
    {
        var stats = new TraceStats();
        var requests = ReadAll(Trace(), stats: stats);
        Assert.That(requests, Is.EqualTo(new[] { new TraceRequest(0, 472, 18), new TraceRequest(1.5, 300, 120) }));
        Assert.That(stats.FailedRequests, Is.EqualTo(2));
        Assert.That(stats.Rows, Is.EqualTo(4));
        Assert.That(stats.Requests, Is.EqualTo(2));
        Assert.That(stats.Format, Is.EqualTo(TraceFormat.BurstGpt));
    }

    [Test]
    public void IncludeFailedKeepsThem()
    {
        var stats = new TraceStats();
        var requests = ReadAll(Trace(), new TraceOptions(IncludeFailed: true), stats);
        Assert.That(requests, Has.Count.EqualTo(4));
        Assert.That(requests[1], Is.EqualTo(new TraceRequest(0.75, 1021, 0)));
        Assert.That(stats.FailedRequests, Is.Zero);
        Assert.That(stats.Requests, Is.EqualTo(4));
    }

    [Test]
    public void OriginalLayoutReads()
    {
        var path = Write("burst-v1.csv",
        [
            "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type",
            "0,ChatGPT,100,20,120,Conversation log",
            "2,ChatGPT,200,40,240,Conversation log",
        ]);
        Assert.That(ReadAll(path), Is.EqualTo(new[] { new TraceRequest(0, 100, 20), new TraceRequest(2, 200, 40) }));
    }
}
