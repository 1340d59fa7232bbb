using FleetSim.Traffic.Traces;

namespace FleetSim.Tests.Traces;

/// <summary>
/// OpenAI's completions usage as GET /v1/organization/usage/completions returns it (bucket_width=1h, group_by=model):
/// a page of hourly buckets 2025-01-15 00:00 to 03:00 UTC, the first without results.
/// </summary>
[TestFixture]
public sealed class OpenAiUsageJsonTests : TraceFiles
{
    private const long Midnight = 1736899200; // 2025-01-15T00:00:00Z

    internal static string Result(string model, string input, string cached, string output, string requests) =>
        $"{{\"object\": \"organization.usage.completions.result\", \"input_tokens\": {input}, \"output_tokens\": {output}, " +
        $"\"input_cached_tokens\": {cached}, \"input_audio_tokens\": 0, \"output_audio_tokens\": 0, " +
        $"\"num_model_requests\": {requests}, \"project_id\": null, \"user_id\": null, \"api_key_id\": null, " +
        $"\"model\": {model}, \"batch\": null}}";

    private static readonly string Gpt4o = Result("\"gpt-4o-2024-08-06\"", "120000", "40000", "30000", "60");
    private static readonly string Mini = Result("\"gpt-4o-mini-2024-07-18\"", "5000", "0", "1000", "10");
    private static readonly string Gpt4oLater = Result("\"gpt-4o-2024-08-06\"", "90000", "20000", "15000", "45");

    /// <summary>Each result: its requests over its bucket's hour, at the bucket's start; the idle first hour a row of none.</summary>
    internal static readonly TraceRequest[] Expected =
    [
        new(0, 0, 0, Count: 0, SpreadSeconds: 3600),
        new(3600, 120000, 30000, Count: 60, CachedInputTokens: 40000, SpreadSeconds: 3600),
        new(3600, 5000, 1000, Count: 10, SpreadSeconds: 3600),
        new(7200, 90000, 15000, Count: 45, CachedInputTokens: 20000, SpreadSeconds: 3600),
    ];

    /// <summary>The API's page, pretty-printed: the mini result is on line 16.</summary>
    private string Page(string mini = "") => Write("usage.json",
    [
        "{",
        "  \"object\": \"page\",",
        "  \"data\": [",
        "    {",
        "      \"object\": \"bucket\",",
        $"      \"start_time\": {Midnight},",
        $"      \"end_time\": {Midnight + 3600},",
        "      \"results\": []",
        "    },",
        "    {",
        "      \"object\": \"bucket\",",
        $"      \"start_time\": {Midnight + 3600},",
        $"      \"end_time\": {Midnight + 7200},",
        "      \"results\": [",
        $"        {Gpt4o},",
        $"        {(mini.Length > 0 ? mini : Mini)}",
        "      ]",
        "    },",
        "    {",
        "      \"object\": \"bucket\",",
        $"      \"start_time\": {Midnight + 7200},",
        $"      \"end_time\": {Midnight + 10800},",
        "      \"results\": [",
        $"        {Gpt4oLater}",
        "      ]",
        "    }",
        "  ],",
        "  \"has_more\": false,",
        "  \"next_page\": null",
        "}",
    ]);

    private static string Bucket(long start, params string[] results) =>
        $"{{\"object\": \"bucket\", \"start_time\": {start}, \"end_time\": {start + 3600}, \"results\": [{string.Join(", ", results)}]}}";

    private void AssertReadsTheExport(string path)
    {
        var stats = new TraceStats();
        Assert.That(ReadAll(path, stats: stats), Is.EqualTo(Expected));
        Assert.Multiple(() =>
        {
            Assert.That(stats.Format, Is.EqualTo(TraceFormat.OpenAiUsage));
            Assert.That(stats.Rows, Is.EqualTo(4));
            Assert.That(stats.Requests, Is.EqualTo(60 + 10 + 45));
            Assert.That(stats.Models, Is.EqualTo(new[] { "gpt-4o-2024-08-06", "gpt-4o-mini-2024-07-18" }));
            Assert.That(stats.OriginUtcTicks, Is.EqualTo(new DateTime(2025, 1, 15, 0, 0, 0, DateTimeKind.Utc).Ticks));
            Assert.That(stats.StampsHaveZone, Is.True, "Unix seconds are instants");
        });
    }

    [Test]
    public void ThePageReadsOneRowPerResultAndTheIdleBucketKeepsItsHour() => AssertReadsTheExport(Page());

    [Test]
    public void BucketsOnePerLine() => AssertReadsTheExport(Write("usage.jsonl",
        [Bucket(Midnight), Bucket(Midnight + 3600, Gpt4o, Mini), Bucket(Midnight + 7200, Gpt4oLater)]));

    [Test]
    public void AListOfPagesAndTheOlderResultKey() => AssertReadsTheExport(Write("usage.json",
    [
        $"[{{\"object\": \"page\", \"data\": [{Bucket(Midnight)}, {Bucket(Midnight + 3600, Gpt4o, Mini)}], \"has_more\": true, \"next_page\": \"p2\"}},",
        $" {{\"object\": \"page\", \"data\": [{Bucket(Midnight + 7200, Gpt4oLater).Replace("\"results\"", "\"result\"")}], \"has_more\": false}}]",
    ]));

    [TestCase("\"gpt-4o-mini-2024-07-18\"", "5000", "0", "1000", "0", "bucket at start_time 1736902800: 'num_model_requests' is 0 but the bucket has 6000 tokens")]
    [TestCase("\"gpt-4o-mini-2024-07-18\"", "-5", "0", "1000", "10", "bucket at start_time 1736902800: 'input_tokens': -5 is negative")]
    [TestCase("\"gpt-4o-mini-2024-07-18\"", "5000", "0", "\"many\"", "10", "bucket at start_time 1736902800: 'output_tokens': \"many\" is not a number")]
    [TestCase("\"gpt-4o-mini-2024-07-18\"", "5000", "6000", "1000", "10", "bucket at start_time 1736902800: 'input_cached_tokens' 6000 exceeds 'input_tokens' 5000")]
    [TestCase("\"gpt-4o-mini-2024-07-18\"", "5000", "0", "1000", "2.5", "bucket at start_time 1736902800: 'num_model_requests': 2.5 is not a whole number of requests")]
    [TestCase("\"gpt-4o-mini-2024-07-18\"", "5000", "0", "1000", "null", "bucket at start_time 1736902800: 'num_model_requests' missing")]
    public void ABadResultIsNamedByItsOwnLine(string model, string input, string cached, string output, string requests, string why)
    {
        var path = Page(Result(model, input, cached, output, requests));
        Assert.That(ReadFails(path).Message, Is.EqualTo($"{path}:16: {why}"));
        var stats = new TraceStats();
        Assert.That(ReadAll(path, new TraceOptions(SkipBadRows: true), stats), Is.EqualTo(Expected.Where((_, i) => i != 2)));
        Assert.That(stats.BadRows, Is.EqualTo(1));
    }

    [TestCase(Midnight - 60, "'end_time' is 60 s before 'start_time'")]
    [TestCase(Midnight, "'end_time' equals 'start_time': a bucket of no time")]
    public void ABucketThatEndsBeforeItStartsIsABadRow(long end, string why)
    {
        var path = Write("usage.jsonl", [$"{{\"start_time\": {Midnight}, \"end_time\": {end}, \"results\": [{Gpt4o}]}}"]);
        Assert.That(ReadFails(path).Message, Is.EqualTo($"{path}:1: bucket at start_time {Midnight}: {why}"));
    }

    [Test]
    public void ABucketWithoutItsTimesIsABadRow()
    {
        var path = Write("usage.jsonl", [$"{{\"object\": \"bucket\", \"end_time\": {Midnight}, \"results\": [{Gpt4o}]}}"]);
        Assert.That(ReadFails(path).Message, Is.EqualTo($"{path}:1: 'start_time' missing"));
    }

    [Test]
    public void DailyBucketsWithoutModelsAndAZeroResult()
    {
        var path = Write("usage.jsonl",
        [
            $"{{\"object\": \"bucket\", \"start_time\": {Midnight}, \"end_time\": {Midnight + 86400}, \"results\": [" +
            $"{Result("null", "0", "0", "0", "0")}]}}",
            $"{{\"object\": \"bucket\", \"start_time\": {Midnight + 86400}, \"end_time\": {Midnight + 2 * 86400}, \"results\": [" +
            $"{Result("null", "1000", "800", "500", "5")}]}}",
        ]);
        var stats = new TraceStats();
        Assert.That(ReadAll(path, stats: stats), Is.EqualTo(new[]
        {
            new TraceRequest(0, 0, 0, Count: 0, SpreadSeconds: 86400),
            new TraceRequest(86400, 1000, 500, Count: 5, CachedInputTokens: 800, SpreadSeconds: 86400),
        }));
        Assert.That(stats.Models, Is.EqualTo(new[] { "" }), "the one model the rows name is none: the export is not grouped by model");
    }
}
