using System.Globalization;
using FleetSim.Traffic.Traces;

namespace FleetSim.Tests.Traces;

[TestFixture]
public sealed class StreamingTraceTests : TraceFiles
{
    [Test]
    public void TwoHundredThousandRowsStreamInConstantMemory()
    {
        const int rows = 200_000;
        var path = Path.Combine(Dir, "big.csv");
        using (var writer = new StreamWriter(path))
        {
            writer.WriteLine("Timestamp,Session ID,Elapsed time,Model,Request tokens,Response tokens,Total tokens,Log Type");
            for (var i = 0; i < rows; i++)
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{i * 0.05:0.000},session-{i % 977},{i % 13}.5,\"GPT-4, 32k\",{100 + i % 500},{1 + i % 300},0,Conversation log"));
        }
        var fileBytes = new FileInfo(path).Length;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0, count = 0;
        double last = 0;
        var stats = new TraceStats();
        foreach (var request in TraceReader.Read(path, new TraceOptions(), stats))
        {
            count++;
            last = request.Seconds;
            if (count % 50_000 == 0) peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - before);
        }
        Assert.That(fileBytes, Is.GreaterThan(10_000_000));
        Assert.That(count, Is.EqualTo(rows));
        Assert.That(stats.Rows, Is.EqualTo(rows));
        Assert.That(last, Is.EqualTo((rows - 1) * 0.05).Within(1e-6));
        Assert.That(peak, Is.LessThan(fileBytes / 10), "live memory grew with the file: the reader is not streaming");
    }
}
