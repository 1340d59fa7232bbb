using System.Globalization;
using FleetSim.Traffic.Traces;

namespace FleetSim.Tests.Traces;

/// <summary>Rows out of time order by up to the 1 h window come out sorted from the earliest row; further stops the read.</summary>
[TestFixture]
public sealed class ReorderTraceTests : TraceFiles
{
    private const string Azure = "TIMESTAMP,ContextTokens,GeneratedTokens";
    private const string Burst = "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type";

    [Test]
    public void ThreeAzureRowsOutOfOrderComeOutFromTheEarliest()
    {
        var path = Write("azure.csv", [Azure, "2023-11-16 18:10:00,10,1", "2023-11-16 18:00:00,20,2", "2023-11-16 18:05:00,30,3"]);
        var stats = new TraceStats();
        var requests = ReadAll(path, stats: stats);
        Assert.That(requests, Is.EqualTo(new[] { new TraceRequest(0, 20, 2), new TraceRequest(300, 30, 3), new TraceRequest(600, 10, 1) }));
        Assert.That(stats.ReorderedRows, Is.EqualTo(2));
        Assert.That(stats.MaxReorderSeconds, Is.EqualTo(600));
        Assert.That(stats.OriginUtcTicks, Is.EqualTo(new DateTime(2023, 11, 16, 18, 0, 0, DateTimeKind.Utc).Ticks));
    }

    [Test]
    public void SlightlyUnsortedOffsetsComeOutSorted()
    {
        var path = Write("burst.csv", [Burst, "100,m,1,1,2,x", "160,m,2,2,4,x", "130,m,3,3,6,x"]);
        var stats = new TraceStats();
        Assert.That(ReadAll(path, stats: stats), Is.EqualTo(new[] { new TraceRequest(0, 1, 1), new TraceRequest(30, 3, 3), new TraceRequest(60, 2, 2) }));
        Assert.That(stats.ReorderedRows, Is.EqualTo(1));
        Assert.That(stats.MaxReorderSeconds, Is.EqualTo(30));
    }

    [Test]
    public void AnHourWrittenBackwardsReadsAsWrittenForwards()
    {
        // 500 rows 7.2 s apart: the span is 3,592.8 s, inside the window.
        string[] rows = [.. Enumerable.Range(0, 500).Select(i => Stamp(new DateTime(2024, 3, 1, 9, 0, 0).AddTicks(i * 72_000_000L), 100 + i, 1 + i % 7))];
        var forward = ReadAll(Write("forward.csv", [Azure, .. rows]));
        var stats = new TraceStats();
        var backward = ReadAll(Write("backward.csv", [Azure, .. rows.Reverse()]), stats: stats);
        Assert.That(backward, Is.EqualTo(forward));
        Assert.That(forward.Select(r => r.Seconds), Is.EqualTo(Enumerable.Range(0, 500).Select(i => i * 7.2)).Within(1e-9));
        Assert.That(stats.ReorderedRows, Is.EqualTo(499));
        Assert.That(stats.MaxReorderSeconds, Is.EqualTo(499 * 7.2).Within(1e-9));
    }

    [Test]
    public void TwoHoursWrittenBackwardsStopAtTheFirstRowMoreThanAnHourBehind()
    {
        // Rows 10 s apart over 7,200 s, latest first: the row at 3,590 s is the first more than 3,600 s behind
        // the first row (7,200 s); it is row 361 of the reversed order, on line 363 after the header.
        string[] rows = [.. Enumerable.Range(0, 721).Select(i => Stamp(new DateTime(2024, 3, 1, 9, 0, 0).AddTicks(i * 100_000_000L), 5, 5))];
        var path = Write("backward.csv", [Azure, .. rows.Reverse()]);
        var e = ReadFails(path);
        Assert.That(e.Line, Is.EqualTo(363));
        Assert.That(e.Message, Does.StartWith($"{path}:363: out of order by 1.00 h (more than the 1 h reorder window): sort the file by its time column first"));
    }

    [Test]
    public void ARowTwoHoursBehindFailsWithItsLineOrIsSkipped()
    {
        var path = Write("azure.csv", [Azure, "2023-11-16 20:00:00,1,1", "2023-11-16 20:10:00,2,2", "2023-11-16 18:10:00,3,3", "2023-11-16 20:20:00,4,4"]);
        var e = ReadFails(path);
        Assert.That(e.Message, Is.EqualTo($"{path}:4: out of order by 2.00 h (more than the 1 h reorder window): sort the file by its time column first (the latest stamp so far is on line 3: if that one is wrong, fix it instead)"));
        var stats = new TraceStats();
        var requests = ReadAll(path, new TraceOptions(SkipBadRows: true), stats);
        Assert.That(requests, Is.EqualTo(new[] { new TraceRequest(0, 1, 1), new TraceRequest(600, 2, 2), new TraceRequest(1200, 4, 4) }));
        Assert.That(stats.BadRows, Is.EqualTo(1));
        Assert.That(stats.ReorderedRows, Is.Zero);
    }

    [Test]
    public void ShuffledRowsOfEveryShapeComeOutAsAStableSort()
    {
        // Offsets with long gaps, fractional and huge token counts, ties, and rows up to 50 min late:
        // the reader's order must be the file's rows stably sorted by time.
        var random = new Random(7);
        var rows = new List<(double Seconds, double Input, double Output)>();
        double t = 0;
        for (var i = 0; i < 3000; i++)
        {
            t += random.Next(4) switch { 0 => 0, 1 => 0.25, 2 => 3, _ => 500 };
            var late = random.NextDouble() < 0.2 ? random.Next(3000) : 0;
            var input = random.Next(3) switch { 0 => random.Next(10_000), 1 => 12.5, _ => 6e6 };
            rows.Add((Math.Max(0, t - late), input, i));
        }
        var path = Write("shuffled.csv", [Burst, .. rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Seconds},m,{r.Input},{r.Output},0,x"))]);
        var origin = rows.Min(r => r.Seconds);
        var expected = rows.OrderBy(r => r.Seconds).Select(r => new TraceRequest(r.Seconds - origin, r.Input, r.Output)).ToList();
        Assert.That(ReadAll(path, new TraceOptions(IncludeFailed: true)), Is.EqualTo(expected));
    }

    private static string Stamp(DateTime at, int input, int output) =>
        string.Create(CultureInfo.InvariantCulture, $"{at:yyyy-MM-dd HH:mm:ss.fffffff},{input},{output}");
}
