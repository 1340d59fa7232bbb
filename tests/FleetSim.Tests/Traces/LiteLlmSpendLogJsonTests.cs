using FleetSim.Traffic.Traces;

namespace FleetSim.Tests.Traces;

/// <summary>
/// LiteLLM spend logs as the proxy returns them: /spend/logs an array of rows (compact, on one line), /spend/logs/v2 a
/// page {"data": [rows], "total": ...}, and rows one per line; stamps ISO 8601 with a zone, metadata an object.
/// </summary>
[TestFixture]
public sealed class LiteLlmSpendLogJsonTests : TraceFiles
{
    /// <summary>One row with the table's columns; <paramref name="metadata"/> is JSON, put in as it stands.</summary>
    private static string Row(string id, string prompt, string completion, string start, string model, string group,
                              string metadata, string status, string end = "\"2025-01-15T10:30:00.000000Z\"") =>
        $"{{\"request_id\":\"{id}\",\"call_type\":\"acompletion\",\"api_key\":\"88dc28d0\",\"spend\":0.0042," +
        $"\"total_tokens\":0,\"prompt_tokens\":{prompt},\"completion_tokens\":{completion},\"startTime\":{start}," +
        $"\"endTime\":{end},\"completionStartTime\":null,\"model\":\"{model}\",\"model_id\":\"d4f1\"," +
        $"\"model_group\":\"{group}\",\"custom_llm_provider\":\"openai\",\"api_base\":\"https://api.openai.com/v1\"," +
        $"\"user\":\"\",\"metadata\":{metadata},\"cache_hit\":\"False\",\"cache_key\":\"a}}b]{{c\\\"[d\",\"request_tags\":[]," +
        $"\"team_id\":null,\"end_user\":\"\",\"messages\":{{}},\"response\":{{}},\"session_id\":\"6c1e\",\"status\":\"{status}\"}}";

    private static readonly string First = Row("chatcmpl-1", "1200", "300", "\"2025-01-15T10:20:30.123000Z\"", "gpt-4o-2024-08-06", "gpt-4o",
        "{\"status\":\"success\",\"usage_object\":{\"prompt_tokens\":1200,\"prompt_tokens_details\":{\"cached_tokens\":1024}}," +
        "\"data\":[{\"nested\":true}]}", "success");

    private static readonly string Failed = Row("chatcmpl-2", "800", "0", "\"2025-01-15T10:20:31+00:00\"", "gpt-4o-mini", "gpt-4o-mini",
        "{\"status\":\"failure\",\"error_information\":{\"error_code\":\"429\"}}", "failure");

    private static readonly string Third = Row("chatcmpl-3", "5000", "700", "\"2025-01-15T10:21:00.500000Z\"",
        "anthropic/claude-3-5-sonnet-20241022", "claude",
        "\"{\\\"additional_usage_values\\\": {\\\"cache_read_input_tokens\\\": 4000}}\"", "success");

    private static readonly TraceRequest[] Expected =
    [
        new(0, 1200, 300, CachedInputTokens: 1024),
        new(30.377, 5000, 700, CachedInputTokens: 4000),
    ];

    private void AssertReadsTheThreeRows(string path, params string[] models)
    {
        models = models.Length > 0 ? models : ["gpt-4o", "gpt-4o-mini", "claude"];
        var stats = new TraceStats();
        Assert.That(ReadAll(path, stats: stats), Is.EqualTo(Expected));
        Assert.Multiple(() =>
        {
            Assert.That(stats.Format, Is.EqualTo(TraceFormat.LiteLlmSpendLogs));
            Assert.That(stats.Rows, Is.EqualTo(3));
            Assert.That(stats.FailedRequests, Is.EqualTo(1));
            Assert.That(stats.Models, Is.EqualTo(models), "in the order the file names them");
            Assert.That(stats.OriginUtcTicks, Is.EqualTo(new DateTime(2025, 1, 15, 10, 20, 30, 123, DateTimeKind.Utc).Ticks));
            Assert.That(stats.StampsHaveZone, Is.True);
        });
    }

    [Test]
    public void SpendLogsArrayOnOneLine() =>
        AssertReadsTheThreeRows(Write("logs.json", [$"[{First},{Failed},{Third}]"]));

    [Test]
    public void V2PageWithItsKeysAroundTheData() =>
        AssertReadsTheThreeRows(Write("logs.json",
        [
            "{",
            "  \"total\": 3,",
            "  \"data\": [",
            $"    {First},",
            $"    {Failed},",
            $"    {Third}",
            "  ],",
            "  \"page\": 1, \"page_size\": 50, \"total_pages\": 1, \"filters\": {\"data\": [1]}",
            "}",
        ]));

    [Test]
    public void NewestFirstAsTheEndpointsSortThemComesOutInTimeOrder() =>
        AssertReadsTheThreeRows(Write("logs.json", [$"[{Third},{Failed},{First}]"]), "claude", "gpt-4o-mini", "gpt-4o");

    [Test]
    public void OneRowPerLine() => AssertReadsTheThreeRows(Write("logs.jsonl", [First, Failed, Third]));

    [Test]
    public void ARowPrettyPrintedOverLinesIsNamedByItsFirstLine()
    {
        var path = Write("logs.json",
        [
            "[",
            $"  {First},",
            "  {",
            "    \"request_id\": \"chatcmpl-9\",",
            "    \"startTime\": \"2025-01-15T10:20:40Z\",",
            "    \"prompt_tokens\": \"800\",",
            "    \"completion_tokens\": 5",
            "  }",
            "]",
        ]);
        var e = ReadFails(path);
        Assert.That(e.Message, Is.EqualTo($"{path}:3: request \"chatcmpl-9\": 'prompt_tokens': \"800\" is not a number"));
    }

    [Test]
    public void ABadRowOfACompactArrayIsNamedByItsRequestId()
    {
        var bad = Row("chatcmpl-2", "-3", "0", "\"2025-01-15T10:20:31Z\"", "gpt-4o", "gpt-4o", "{}", "success");
        var path = Write("logs.json", [$"[{First},{bad},{Third}]"]);
        Assert.That(ReadFails(path).Message, Is.EqualTo($"{path}:1: request \"chatcmpl-2\": 'prompt_tokens': -3 is negative"));
        var stats = new TraceStats();
        Assert.That(ReadAll(path, new TraceOptions(SkipBadRows: true), stats), Is.EqualTo(Expected));
        Assert.That(stats.BadRows, Is.EqualTo(1));
    }

    [Test]
    public void ABrokenLineIsOneBadRowAndTheNextLinesRead()
    {
        var path = Write("logs.jsonl", [First, "{\"request_id\": \"chatcmpl-2\", \"prompt_tokens\": 8", Third]);
        var e = ReadFails(path);
        Assert.That(e.Message, Does.StartWith($"{path}:2: not valid JSON"));
        var stats = new TraceStats();
        Assert.That(ReadAll(path, new TraceOptions(SkipBadRows: true), stats), Is.EqualTo(Expected));
        Assert.That(stats.BadRows, Is.EqualTo(1));
    }

    [Test]
    public void AnArrayCutShortIsAnErrorOnTheLineItOpens()
    {
        var path = Write("logs.json", ["[", $"{First},", $"{Third},"]);
        Assert.That(ReadFails(path).Message, Is.EqualTo($"{path}:1: this JSON array never closes: the file was cut short?"));
    }

    [TestCase("\"completion_tokens\":300,", "", "'completion_tokens' missing")]
    [TestCase("\"startTime\":\"2025-01-15T10:20:30.123000Z\"", "\"startTime\":1736936430", "'startTime': 1736936430 is not a date-time")]
    [TestCase("\"endTime\":\"2025-01-15T10:30:00.000000Z\"", "\"endTime\":\"2025-01-15T10:20:29.623Z\"", "'endTime' is 0.5 s before 'startTime'")]
    public void AFieldMissingOrOutOfPlaceIsABadRow(string field, string replacement, string why)
    {
        var path = Write("logs.jsonl", [First.Replace(field, replacement)]);
        Assert.That(ReadFails(path).Message, Is.EqualTo($"{path}:1: request \"chatcmpl-1\": {why}"));
    }

    [Test]
    public void TheDailySummaryIsRefusedWithWhatToExportInstead()
    {
        var path = Write("summary.json",
            ["[{\"startTime\": \"2025-01-15\", \"spend\": 1.25, \"users\": {\"u\": 1.25}, \"models\": {\"gpt-4o\": 1.25}}]"]);
        Assert.That(TraceReader.Detect(path), Is.EqualTo(TraceFormat.LiteLlmSpendLogs));
        Assert.That(ReadFails(path).Message, Does.Contain("'prompt_tokens' missing: this is the per-day summary").And.Contain("summarize=false"));
    }

    [Test]
    public void ACompactExportOfSeveralMegabytesOnOneLineIsDetectedAndRead()
    {
        const int calls = 6000;
        var rows = Enumerable.Range(0, calls).Select(i =>
            Row($"chatcmpl-{i}", $"{100 + i}", "7", $"\"2025-01-15T10:{i / 1200:00}:{i % 1200 / 20:00}.{i % 20 * 5:000}Z\"", "gpt-4o", "gpt-4o",
                "{\"additional_usage_values\":{\"prompt_tokens_details\":{\"cached_tokens\":3}}}", "success"));
        var padding = new string('}', 1_500_000);
        var path = Write("logs.json", [$"{{\"data\": [{string.Join(",", rows)}], \"note\": \"{padding}\", \"total\": {calls}}}"]);
        Assert.That(new FileInfo(path).Length, Is.GreaterThan(3 << 20));
        Assert.That(TraceReader.Detect(path), Is.EqualTo(TraceFormat.LiteLlmSpendLogs));
        var stats = new TraceStats();
        var requests = ReadAll(path, stats: stats);
        Assert.That(requests, Has.Count.EqualTo(calls));
        Assert.That(requests.Sum(r => r.InputTokens), Is.EqualTo(calls * 100 + calls * (calls - 1) / 2));
        Assert.That(requests.Sum(r => r.CachedInputTokens), Is.EqualTo(3 * calls));
        Assert.That(requests[^1].Seconds, Is.EqualTo(4 * 60 + 59 + 0.095).Within(1e-9));
    }

    [Test]
    public void AValueThatIsNotAnObjectIsABadRow()
    {
        var path = Write("logs.json", [$"[{First}, 42, {Third}]"]);
        Assert.That(ReadFails(path).Message, Is.EqualTo($"{path}:1: not a JSON object: 42"));
    }
}
