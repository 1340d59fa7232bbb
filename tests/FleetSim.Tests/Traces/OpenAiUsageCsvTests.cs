using FleetSim.Traffic.Traces;

namespace FleetSim.Tests.Traces;

/// <summary>
/// OpenAI usage as a flat CSV, one row per bucket result (start_time,end_time,input_tokens,input_cached_tokens,
/// output_tokens,num_model_requests,model): the same export as <see cref="OpenAiUsageJsonTests"/>.
/// </summary>
[TestFixture]
public sealed class OpenAiUsageCsvTests : TraceFiles
{
    private const string Header = "start_time,end_time,input_tokens,input_cached_tokens,output_tokens,num_model_requests,model";

    private string Export(string miniRow = "1736902800,1736906400,5000,0,1000,10,gpt-4o-mini-2024-07-18") => Write("usage.csv",
    [
        Header,
        "1736899200,1736902800,0,0,0,0,",
        "1736902800,1736906400,120000,40000,30000,60,gpt-4o-2024-08-06",
        miniRow,
        "1736906400,1736910000,90000,20000,15000,45,gpt-4o-2024-08-06",
    ]);

    [Test]
    public void ReadsTheSameRowsAsTheJsonExport()
    {
        var stats = new TraceStats();
        Assert.That(ReadAll(Export(), stats: stats), Is.EqualTo(OpenAiUsageJsonTests.Expected));
        Assert.Multiple(() =>
        {
            Assert.That(stats.Format, Is.EqualTo(TraceFormat.OpenAiUsage));
            Assert.That(stats.Rows, Is.EqualTo(4));
            Assert.That(stats.Requests, Is.EqualTo(115));
            Assert.That(stats.Models, Is.EqualTo(new[] { "gpt-4o-2024-08-06", "gpt-4o-mini-2024-07-18" }));
            Assert.That(stats.OriginUtcTicks, Is.EqualTo(new DateTime(2025, 1, 15, 0, 0, 0, DateTimeKind.Utc).Ticks));
            Assert.That(stats.StampsHaveZone, Is.True);
        });
    }

    [Test]
    public void IsoTimesWithoutTheOptionalColumns()
    {
        var path = Write("usage.csv",
        [
            "start_time,end_time,input_tokens,output_tokens,num_model_requests",
            "2025-01-15T00:00:00Z,2025-01-15T00:01:00Z,3000,600,4",
            "2025-01-15T00:02:00Z,2025-01-15T00:03:00Z,1500,300,2",
        ]);
        var stats = new TraceStats();
        Assert.That(ReadAll(path, stats: stats), Is.EqualTo(new[]
        {
            new TraceRequest(0, 3000, 600, Count: 4, SpreadSeconds: 60),
            new TraceRequest(120, 1500, 300, Count: 2, SpreadSeconds: 60),
        }));
        Assert.That(stats.Models, Is.EqualTo(new[] { "" }));
        Assert.That(stats.StampsHaveZone, Is.True);
    }

    [TestCase("1736902800,1736906400,5000,0,1000,0,gpt-4o-mini-2024-07-18", "'num_model_requests' is 0 but the bucket has 6000 tokens")]
    [TestCase("1736902800,1736906400,lots,0,1000,10,gpt-4o-mini-2024-07-18", "column 'input_tokens': 'lots' is not a number")]
    [TestCase("1736902800,1736906400,5000,0,-1000,10,gpt-4o-mini-2024-07-18", "column 'output_tokens': -1000 is negative")]
    [TestCase("1736902800,1736902740,5000,0,1000,10,gpt-4o-mini-2024-07-18", "'end_time' is 60 s before 'start_time'")]
    [TestCase("1736902800,noon,5000,0,1000,10,gpt-4o-mini-2024-07-18", "column 'end_time': 'noon' is not a date-time")]
    [TestCase("1736902800,1736906400,5000,0,1000", "column 'num_model_requests' missing (the row has 5 fields)")]
    public void ABadRowIsNamedByItsLine(string row, string why)
    {
        var path = Export(row);
        Assert.That(ReadFails(path).Message, Is.EqualTo($"{path}:4: {why}"));
        var stats = new TraceStats();
        Assert.That(ReadAll(path, new TraceOptions(SkipBadRows: true), stats),
                    Is.EqualTo(OpenAiUsageJsonTests.Expected.Where((_, i) => i != 2)));
        Assert.That(stats.BadRows, Is.EqualTo(1));
    }

    [Test]
    public void AMissingColumnIsNamedOnTheHeaderLine()
    {
        var path = Write("usage.csv", ["start_time,end_time,input_tokens,output_tokens", "1736899200,1736902800,1,1"]);
        var e = ReadFails(path, new TraceOptions(Format: TraceFormat.OpenAiUsage));
        Assert.That(e.Message, Does.StartWith($"{path}:1: missing column 'num_model_requests'"));
    }
}
