using FleetSim.Traffic.Traces;

namespace FleetSim.Tests.Traces;

/// <summary>
/// Records of every length from a few bytes to a few hundred, with commas and quotes at every offset, split
/// alike (the reader looks for commas 32 bytes at a time, so block edges must not matter).
/// </summary>
[TestFixture]
public sealed class RecordLengthTests : TraceFiles
{
    private static readonly TraceOptions Mapping = new(Columns: new GenericColumns("t", "in", "out"));

    [TestCase(false)]
    [TestCase(true)]
    public void EveryLengthAndCommaOffsetReadsTheSameFields(bool quoted)
    {
        var lines = new List<string> { "note,t,in,out,pad" };
        var expected = new List<TraceRequest>();
        for (var i = 0; i < 300; i++)
        {
            var note = new string('n', i % 97);
            var pad = new string(' ', i % 5) + new string('p', i / 3 % 41);
            var noteField = quoted ? $"\"{note},\"\"x\"\"\"" : note;
            lines.Add($"{noteField},{i}, {1000 + i} ,{i % 13},{pad}");
            expected.Add(new TraceRequest(i, 1000 + i, i % 13));
        }
        Assert.That(ReadAll(Write("lengths.csv", [.. lines]), Mapping), Is.EqualTo(expected));
    }

    [Test]
    public void ATokenColumnAtAnyOffsetOfALongRecordIsFound()
    {
        for (var width = 25; width <= 70; width++)
        {
            var head = new string('h', width);
            var path = Write($"w{width}.csv", ["head,t,in,out", $"{head},0,7,8", $"{head},1,9,10"]);
            Assert.That(ReadAll(path, Mapping), Is.EqualTo(new[] { new TraceRequest(0, 7, 8), new TraceRequest(1, 9, 10) }), $"width {width}");
        }
    }
}
