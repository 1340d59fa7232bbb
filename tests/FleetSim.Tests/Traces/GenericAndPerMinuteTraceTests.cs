using FleetSim.Traffic.Traces;

namespace FleetSim.Tests.Traces;

[TestFixture]
public sealed class GenericAndPerMinuteTraceTests : TraceFiles
{
    private static readonly GenericColumns Ms = new("arrival_ms", "prompt", "completion", 0.001);

    [Test]
    public void GenericMappingInMilliseconds()
    {
        var path = Write("generic.csv", ["id,arrival_ms,completion,prompt", "a,1000,5,50", "b,1250,6,60", "c,4000,7,70"]);
        var stats = new TraceStats();
        var requests = ReadAll(path, new TraceOptions(TraceFormat.Generic, Columns: Ms), stats);
        Assert.That(requests, Is.EqualTo(new[]
        {
            new TraceRequest(0, 50, 5), new TraceRequest(0.25, 60, 6), new TraceRequest(3, 70, 7),
        }));
        Assert.That(stats.Format, Is.EqualTo(TraceFormat.Generic));
    }

    [Test]
    public void GenericMappingAloneMeansGenericAndIsoStampsRead()
    {
        var path = Write("iso.csv", ["when,in,out", "2024-01-01T00:00:00Z,1,2", "2024-01-01T00:01:30.5Z,3,4"]);
        var requests = ReadAll(path, new TraceOptions(Columns: new GenericColumns("when", "in", "out")));
        Assert.That(requests, Is.EqualTo(new[] { new TraceRequest(0, 1, 2), new TraceRequest(90.5, 3, 4) }));
    }

    [Test]
    public void GenericWithoutMappingSaysToGiveIt()
    {
        var path = Write("generic.csv", ["a,b,c", "1,2,3"]);
        var e = Assert.Throws<TraceException>(() => TraceReader.Read(path, new TraceOptions(TraceFormat.Generic), new TraceStats()));
        Assert.That(e!.Line, Is.Zero);
        Assert.That(e.Message, Does.StartWith(path + ": ").And.Contain("name the timestamp, input-token and output-token columns"));
    }

    [Test]
    public void GenericMappingToAMissingColumnNamesIt()
    {
        var path = Write("generic.csv", ["id,arrival_ms,prompt", "a,1000,5"]);
        var e = ReadFails(path, new TraceOptions(Columns: Ms));
        Assert.That(e.Message, Does.StartWith(path + ":1: missing column 'completion'"));
    }

    [Test]
    public void PerMinuteAggregatesYieldOneRowPerMinute()
    {
        var path = Write("minutes.csv",
            ["minute,requests,input_tokens,output_tokens", "10,3,3000,300", "11,0,0,0", "13,5,5500,450"]);
        var stats = new TraceStats();
        var rows = ReadAll(path, stats: stats);
        Assert.That(rows, Is.EqualTo(new[]
        {
            new TraceRequest(0, 3000, 300, 3, SpreadSeconds: 60), new TraceRequest(60, 0, 0, 0, SpreadSeconds: 60),
            new TraceRequest(180, 5500, 450, 5, SpreadSeconds: 60),
        }));
        Assert.That(stats.Requests, Is.EqualTo(8));
        Assert.That(stats.Rows, Is.EqualTo(3));
        Assert.That(stats.Format, Is.EqualTo(TraceFormat.PerMinute));
    }
}
