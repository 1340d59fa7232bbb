using System.Text;
using FleetSim.Traffic.Traces;

namespace FleetSim.Tests.Traces;

/// <summary>CSV records whose quoted fields hold line ends (RFC 4180), numbered by their first line in messages.</summary>
[TestFixture]
public sealed class MultiLineRecordTests : TraceFiles
{
    private static readonly TraceOptions Mapping = new(Columns: new GenericColumns("t", "in", "out"));

    [TestCase("\n")]
    [TestCase("\r\n")]
    public void QuotedFieldsRunOverLinesAndLaterLinesKeepTheirNumbers(string newline)
    {
        var path = Write("log.csv",
        [
            "t,note,in,out",
            "0,\"first line",
            "second line, with a comma",
            "third \"\"quoted\"\"\",10,1",
            "5,plain,20,2",
            "6,\"{\"\"messages\"\": [",
            "  {\"\"role\"\": \"\"user\"\"}]}\",\"",
            " 30",
            "\",3",
            "7,\"x",
            "y\",abc,4",
        ], newline);
        var e = ReadFails(path, Mapping);
        Assert.That(e.Message, Is.EqualTo($"{path}:10: column 'in': 'abc' is not a number"));
        var stats = new TraceStats();
        var requests = ReadAll(path, Mapping with { SkipBadRows = true }, stats);
        Assert.That(requests, Is.EqualTo(new[] { new TraceRequest(0, 10, 1), new TraceRequest(5, 20, 2), new TraceRequest(6, 30, 3) }));
        Assert.That(stats.Rows, Is.EqualTo(4));
        Assert.That(stats.BadRows, Is.EqualTo(1));
    }

    [Test]
    public void AnUnclosedQuoteStopsAfterOneMebibyteAtTheRecordsFirstLine()
    {
        var path = Path.Combine(Dir, "unclosed.csv");
        var text = new StringBuilder("t,note,in,out\n0,ok,1,1\n1,\"never closed,1,1\n");
        for (var i = 2; text.Length < 1_200_000; i++) text.Append(i).Append(",filler text of a row that follows,1,1\n");
        File.WriteAllText(path, text.ToString());
        var e = ReadFails(path, Mapping);
        Assert.That(e.Message, Is.EqualTo($"{path}:3: a quoted field runs on for more than 1 MiB: unterminated quote?"));
    }

    [Test]
    public void JsonLinesAreOneRecordALineWhateverTheirQuotes()
    {
        var path = Write("m.jsonl",
        [
            "{\"timestamp\": 0, \"input_length\": 1, \"output_length\": 1, \"note\": \"a \\\" quote\"}",
            "{\"timestamp\": 1000, \"input_length\": 2, \"output_length\": 2}",
        ]);
        Assert.That(ReadAll(path), Is.EqualTo(new[] { new TraceRequest(0, 1, 1), new TraceRequest(1, 2, 2) }));
    }
}
