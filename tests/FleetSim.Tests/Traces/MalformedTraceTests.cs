using FleetSim.Traffic.Traces;

namespace FleetSim.Tests.Traces;

/// <summary>A malformed row stops the read with file:line: and why (the column and the value), or is skipped and counted.</summary>
[TestFixture]
public sealed class MalformedTraceTests : TraceFiles
{
    public sealed record BadCase(string Name, string[] Lines, TraceOptions Options, int Line, string Problem)
    {
        public override string ToString() => Name;
    }

    private const string Azure = "TIMESTAMP,ContextTokens,GeneratedTokens";
    private const string Burst = "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type";
    private const string Minutes = "minute,requests,input_tokens,output_tokens";
    private static readonly TraceOptions Generic = new(TraceFormat.Generic, Columns: new GenericColumns("t", "in", "out", 0.001));

    public static IEnumerable<BadCase> Cases() =>
    [
        new("azure date", [Azure, "2023-11-16 18:17:03.9799600,1,2", "yesterday,1,2", "2023-11-16 18:17:05,1,2"], new(),
            3, "column 'TIMESTAMP': 'yesterday' is not a date-time"),
        new("azure tokens", [Azure, "2023-11-16 18:17:03.9799600,lots,2"], new(), 2, "column 'ContextTokens': 'lots' is not a number"),
        new("azure short row", [Azure, "2023-11-16 18:17:03.9799600,1"], new(), 2, "column 'GeneratedTokens' missing (the row has 2 fields)"),
        new("burst negative", [Burst, "0,ChatGPT,1,2,3,x", "1,ChatGPT,4,5,9,x", "2,ChatGPT,4,-3,1,x"], new(),
            4, "column 'Response tokens': -3 is negative"),
        new("burst quote", [Burst, "0,\"ChatGPT,1,2,3,x"], new(), 2, "unterminated quoted field"),
        new("burst backwards", [Burst, "10000,ChatGPT,1,2,3,x", "6000,ChatGPT,1,2,3,x"], new(),
            3, "out of order by 1.11 h (more than the 1 h reorder window): sort the file by its time column first"),
        new("mooncake json", ["{\"timestamp\": 0, \"input_length\": 1, \"output_length\": 1}", "", "{\"timestamp\": 5,"], new(),
            3, "not valid JSON"),
        new("mooncake field", ["{\"timestamp\": 0, \"input_length\": \"x\", \"output_length\": 1}"], new(), 1, "'input_length': \"x\" is not a number"),
        new("mooncake missing", ["{\"timestamp\": 0, \"input_length\": 1}"], new(), 1, "'output_length' missing"),
        new("generic", ["t,in,out", "0,1,2", "5,abc,2"], Generic, 3, "column 'in': 'abc' is not a number"),
        new("generic stamp", ["t,in,out", "0,1,2", "2024-01-01T00:00:00Z,1,2"], Generic, 3,
            "column 't': '2024-01-01T00:00:00Z' is not a number"),
        new("per-minute", [Minutes, "0,1,2,3", "1,2.5,2,3"], new(), 3, "column 'requests': '2.5' is not a whole number of requests"),
    ];

    [TestCaseSource(nameof(Cases))]
    public void StopsWithFileLineAndWhy(BadCase bad)
    {
        var path = Write("bad.trace", bad.Lines);
        var e = ReadFails(path, bad.Options);
        Assert.That(e.Line, Is.EqualTo(bad.Line));
        Assert.That(e.Message, Does.StartWith($"{path}:{bad.Line}: {bad.Problem}"));
    }

    [TestCaseSource(nameof(Cases))]
    public void SkipBadRowsSkipsAndCountsThem(BadCase bad)
    {
        var path = Write("bad.trace", bad.Lines);
        var stats = new TraceStats();
        var requests = ReadAll(path, bad.Options with { SkipBadRows = true }, stats);
        Assert.That(stats.BadRows, Is.EqualTo(1));
        Assert.That(requests, Has.Count.EqualTo(stats.Rows - 1));
    }

    [Test]
    public void MissingColumnInHeaderIsLineOne()
    {
        var path = Write("burst.csv", ["Timestamp,Model,Request tokens,Total tokens", "0,x,1,1"]);
        var e = ReadFails(path, new TraceOptions(TraceFormat.BurstGpt));
        Assert.That(e.Message, Does.StartWith(path + ":1: missing column 'Response tokens'"));
    }
}
