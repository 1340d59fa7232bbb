using System.Globalization;
using FleetSim.Traffic.Traces;

namespace FleetSim.Tests.Traces;

/// <summary>A dated trace's origin instant and whether its stamps carry a zone; undated traces have no origin instant.</summary>
[TestFixture]
public sealed class TraceClockTests : TraceFiles
{
    private static long Utc(int y, int mo, int d, int h, int mi, int s, long extraTicks = 0) =>
        new DateTime(y, mo, d, h, mi, s, DateTimeKind.Utc).Ticks + extraTicks;

    [Test]
    public void AzureStampsWithoutZoneGiveTheEarliestRowsInstantAndNoZone()
    {
        var path = Write("azure.csv", ["TIMESTAMP,ContextTokens,GeneratedTokens",
            "2023-11-16 18:17:04.0319600,1,1", "2023-11-16 18:17:03.9799600,2,2"]);
        var stats = new TraceStats();
        var requests = ReadAll(path, stats: stats);
        Assert.That(stats.OriginUtcTicks, Is.EqualTo(Utc(2023, 11, 16, 18, 17, 3, 9_799_600)));
        Assert.That(stats.StampsHaveZone, Is.False);
        Assert.That(requests[1].Seconds, Is.EqualTo(520_000 / 1e7), "tick-exact: 0.0520000 s, not a difference of large doubles");
    }

    [Test]
    public void OffsetStampsAreConvertedToUtcAndSayTheyHaveAZone()
    {
        var path = Write("azure.csv", ["TIMESTAMP,ContextTokens,GeneratedTokens",
            "2024-05-10 02:00:00.5+02:00,1,1", "2024-05-09 19:30:00-05:00,2,2"]);
        var stats = new TraceStats();
        var requests = ReadAll(path, stats: stats);
        Assert.That(stats.OriginUtcTicks, Is.EqualTo(Utc(2024, 5, 10, 0, 0, 0, 5_000_000)));
        Assert.That(stats.StampsHaveZone, Is.True);
        Assert.That(requests.Select(r => r.Seconds), Is.EqualTo(new[] { 0, 1799.5 }));
    }

    [TestCase("2024-01-01T00:00:00Z", "2024-01-01T00:01:30.5Z", true)]
    [TestCase("2024-01-01 00:00:00", "2024-01-01 00:01:30.5", false)]
    [TestCase("Mon, 01 Jan 2024 00:00:00 GMT", "Mon, 01 Jan 2024 00:01:30 GMT", true)]
    [TestCase("01/01/2024 00:00:00", "01/01/2024 00:01:30", false)]
    [TestCase("2024-01-01T00:00:00.123456789Z", "2024-01-01T00:01:30Z", true)]
    public void GenericDateTimeStampsOfAnyFormSetTheClock(string first, string second, bool zoned)
    {
        var path = Write("generic.csv", ["when,in,out", $"\"{first}\",1,2", $"\"{second}\",3,4"]);
        var stats = new TraceStats();
        var requests = ReadAll(path, new TraceOptions(Columns: new GenericColumns("when", "in", "out")), stats);
        var styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        var a = DateTimeOffset.Parse(first, CultureInfo.InvariantCulture, styles).UtcTicks;
        var b = DateTimeOffset.Parse(second, CultureInfo.InvariantCulture, styles).UtcTicks;
        Assert.That(stats.OriginUtcTicks, Is.EqualTo(a));
        Assert.That(stats.StampsHaveZone, Is.EqualTo(zoned));
        Assert.That(requests[1].Seconds, Is.EqualTo((b - a) / 1e7));
    }

    [Test]
    public void UndatedFormatsHaveNoOriginInstant()
    {
        var burst = Write("burst.csv", ["Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type", "5,m,1,1,2,x"]);
        var mooncake = Write("mooncake.jsonl", ["{\"timestamp\": 27482, \"input_length\": 6955, \"output_length\": 52}"]);
        var minutes = Write("minutes.csv", ["minute,requests,input_tokens,output_tokens", "10,3,3000,300"]);
        var generic = Write("generic.csv", ["t,in,out", "17000,1,2"]);
        foreach (var (path, options) in new[] { (burst, new TraceOptions()), (mooncake, new TraceOptions()), (minutes, new TraceOptions()),
                                                 (generic, new TraceOptions(Columns: new GenericColumns("t", "in", "out"))) })
        {
            var stats = new TraceStats();
            Assert.That(ReadAll(path, options, stats), Has.Count.EqualTo(1));
            Assert.That(stats.OriginUtcTicks, Is.Null, path);
            Assert.That(stats.StampsHaveZone, Is.False, path);
        }
    }
}
