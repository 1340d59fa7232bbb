using FleetSim.Traffic.Traces;

namespace FleetSim.Tests.Traces;

[TestFixture]
public sealed class DetectTraceTests : TraceFiles
{
    [TestCase("TIMESTAMP,ContextTokens,GeneratedTokens", TraceFormat.Azure)]
    [TestCase("Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type", TraceFormat.BurstGpt)]
    [TestCase("Timestamp,Session ID,Elapsed time,Model,Request tokens,Response tokens,Total tokens,Log Type", TraceFormat.BurstGpt)]
    [TestCase("{\"timestamp\": 0, \"input_length\": 1, \"output_length\": 1, \"hash_ids\": []}", TraceFormat.Mooncake)]
    [TestCase("minute,requests,input_tokens,output_tokens", TraceFormat.PerMinute)]
    [TestCase("\"minute\", \"requests\" ,input_tokens,OUTPUT_TOKENS", TraceFormat.PerMinute)]
    public void DetectsEachFormatFromItsFirstLine(string firstLine, TraceFormat format)
    {
        var path = Write("trace.txt", [firstLine]);
        Assert.That(TraceReader.Detect(path), Is.EqualTo(format));
    }

    [Test]
    public void UnknownHeaderIsLineOneAndListsTheFormats()
    {
        var path = Write("odd.csv", ["when,what", "1,2"]);
        var e = Assert.Throws<TraceException>(() => TraceReader.Detect(path))!;
        Assert.That(e.Line, Is.EqualTo(1));
        Assert.That(e.Message, Does.StartWith(path + ":1: unknown trace format"));
        Assert.That(e.Message, Does.Contain("Azure").And.Contain("BurstGPT").And.Contain("Mooncake")
            .And.Contain("per-minute").And.Contain("generic"));
        Assert.That(ReadFails(path).Line, Is.EqualTo(1));
    }

    [Test]
    public void MissingFileIsLineZero()
    {
        var path = Path.Combine(Dir, "nope.csv");
        var read = Assert.Throws<TraceException>(() => TraceReader.Read(path, new TraceOptions(), new TraceStats()))!;
        Assert.That(read.Message, Is.EqualTo(path + ": no such file"));
        Assert.That(read.Line, Is.Zero);
        var detect = Assert.Throws<TraceException>(() => TraceReader.Detect(path))!;
        Assert.That(detect.Message, Is.EqualTo(path + ": no such file"));
    }

    [Test]
    public void EmptyFileSaysSo()
    {
        var path = Path.Combine(Dir, "empty.csv");
        File.WriteAllText(path, "");
        Assert.That(Assert.Throws<TraceException>(() => TraceReader.Detect(path))!.Message, Does.Contain("empty file"));
    }
}
