using FleetSim.Traffic.Traces;

namespace FleetSim.Tests.Traces;

/// <summary>
/// LiteLLM spend logs as a CSV export of the LiteLLM_SpendLogs table (psql \copy ... CSV HEADER): every column of
/// the table in schema.prisma's order, JSON columns quoted with doubled quotes, stamps without a zone (UTC).
/// </summary>
[TestFixture]
public sealed class LiteLlmSpendLogCsvTests : TraceFiles
{
    private const string Header =
        "request_id,call_type,api_key,spend,total_tokens,prompt_tokens,completion_tokens,startTime,endTime," +
        "request_duration_ms,completionStartTime,model,model_id,model_group,custom_llm_provider,api_base,user,metadata," +
        "cache_hit,cache_key,request_tags,team_id,organization_id,end_user,requester_ip_address,messages,response," +
        "session_id,status,mcp_namespaced_tool_name,agent_id,proxy_server_request";

    private const string OpenAiUsage =
        "{\"status\": \"success\", \"additional_usage_values\": {\"prompt_tokens_details\": {\"audio_tokens\": null, " +
        "\"cached_tokens\": 1024}, \"completion_tokens_details\": {\"reasoning_tokens\": 0}}, \"user_api_key_alias\": null}";

    private const string Failure =
        "{\"status\": \"failure\", \"error_information\": {\"error_code\": \"429\", \"error_class\": \"RateLimitError\"}}";

    /// <summary>Anthropic's cache reads, pretty-printed over six lines (the record spans lines 4 to 9).</summary>
    private const string AnthropicUsage =
        "{\n  \"additional_usage_values\": {\n    \"cache_read_input_tokens\": 4000,\n    \"cache_creation_input_tokens\": 0\n  }\n}";

    /// <summary>One row as psql writes it: the fields read, plausible values in the others, JSON quoted.</summary>
    internal static string Row(string id, string prompt, string completion, string start, string end, string model, string group,
                               string metadata, string status) =>
        $"{id},acompletion,88dc28d0f030c55ed4ab77ed8faf0981,0.0042,0,{prompt},{completion},{start},{end},2377,{end},{model}," +
        $"d4f1e2,{group},openai,https://api.openai.com/v1,,{Quote(metadata)},False,Cache OFF,[],,,,,{{}},{{}},6c1e,{status},,,{{}}";

    private static string Quote(string json) => json.Length == 0 ? "" : "\"" + json.Replace("\"", "\"\"") + "\"";

    private string Trace(string fourthPrompt = "100") => Write("spend.csv",
    [
        Header,
        Row("req-1", "1200", "300", "2025-01-15 10:20:30.123", "2025-01-15 10:20:32.5", "gpt-4o-2024-08-06", "gpt-4o", OpenAiUsage, "success"),
        Row("req-2", "800", "0", "2025-01-15 10:20:31", "2025-01-15 10:20:31.2", "gpt-4o-mini", "gpt-4o-mini", Failure, "failure"),
        Row("req-3", "5000", "700", "2025-01-15 10:21:00.5", "2025-01-15 10:21:09", "anthropic/claude-3-5-sonnet-20241022", "claude",
            AnthropicUsage, "success"),
        Row("req-4", fourthPrompt, "50", "2025-01-15 10:22:15.25", "2025-01-15 10:22:16", "gpt-4o-2024-08-06", "gpt-4o", "{}", ""),
    ]);

    [Test]
    public void ReadsEachCallWithItsCachedPromptTokensAndLeavesOutTheFailedOne()
    {
        var stats = new TraceStats();
        var requests = ReadAll(Trace(), stats: stats);
        Assert.That(requests, Is.EqualTo(new[]
        {
            new TraceRequest(0, 1200, 300, CachedInputTokens: 1024),
            new TraceRequest(30.377, 5000, 700, CachedInputTokens: 4000),
            new TraceRequest(105.127, 100, 50),
        }));
        Assert.Multiple(() =>
        {
            Assert.That(stats.Format, Is.EqualTo(TraceFormat.LiteLlmSpendLogs));
            Assert.That(stats.Rows, Is.EqualTo(4));
            Assert.That(stats.Requests, Is.EqualTo(3));
            Assert.That(stats.FailedRequests, Is.EqualTo(1));
            Assert.That(stats.Models, Is.EqualTo(new[] { "gpt-4o", "gpt-4o-mini", "claude" }));
            Assert.That(stats.OriginUtcTicks, Is.EqualTo(new DateTime(2025, 1, 15, 10, 20, 30, 123, DateTimeKind.Utc).Ticks));
            Assert.That(stats.StampsHaveZone, Is.True, "LiteLLM stores UTC: a stamp without a zone is still an instant");
        });
    }

    [Test]
    public void IncludeFailedKeepsTheFailedCall()
    {
        var stats = new TraceStats();
        var requests = ReadAll(Trace(), new TraceOptions(IncludeFailed: true), stats);
        Assert.That(requests, Has.Count.EqualTo(4));
        Assert.That(requests[1], Is.EqualTo(new TraceRequest(0.877, 800, 0)));
        Assert.That(stats.FailedRequests, Is.Zero);
    }

    [Test]
    public void ABadRowAfterAMultiLineFieldIsNamedByItsOwnLine()
    {
        var e = ReadFails(Trace(fourthPrompt: "abc"));
        Assert.That(e.Line, Is.EqualTo(10));
        Assert.That(e.Message, Does.EndWith(":10: column 'prompt_tokens': 'abc' is not a number"));
    }

    [TestCase("-5", "50", "column 'prompt_tokens': -5 is negative")]
    [TestCase("100", "", "column 'completion_tokens': '' is not a number")]
    public void BadTokenCountsAreBadRows(string prompt, string completion, string why)
    {
        var path = Write("spend.csv",
        [
            Header,
            Row("req-1", "10", "5", "2025-01-15 10:00:00", "2025-01-15 10:00:01", "m", "m", "", "success"),
            Row("req-2", prompt, completion, "2025-01-15 10:00:02", "2025-01-15 10:00:03", "m", "m", "", "success"),
        ]);
        var e = ReadFails(path);
        Assert.That(e.Message, Is.EqualTo($"{path}:3: {why}"));
        var stats = new TraceStats();
        Assert.That(ReadAll(path, new TraceOptions(SkipBadRows: true), stats), Is.EqualTo(new[] { new TraceRequest(0, 10, 5) }));
        Assert.That(stats.BadRows, Is.EqualTo(1));
    }

    [TestCase("2025-01-15 10:00:05", "2025-01-15 10:00:03", "'endTime' is 2 s before 'startTime'")]
    [TestCase("yesterday", "2025-01-15 10:00:03", "column 'startTime': 'yesterday' is not a date-time")]
    public void AStampThatIsNotOneOrAnEndBeforeTheStartIsABadRow(string start, string end, string why)
    {
        var path = Write("spend.csv", [Header, Row("req-1", "10", "5", start, end, "m", "m", "", "success")]);
        Assert.That(ReadFails(path).Message, Is.EqualTo($"{path}:2: {why}"));
    }

    [TestCase("{\"additional_usage_values\": {\"prompt_tokens_details\": {\"cached_tokens\": 11}}}",
              "11 cached prompt tokens (in 'metadata') exceed 'prompt_tokens' 10")]
    [TestCase("{\"additional_usage_values\": {\"cache_read_input_tokens\": -1}}",
              "'metadata.additional_usage_values.cache_read_input_tokens': -1 is negative")]
    [TestCase("{\"additional_usage_values\": ", "column 'metadata': not valid JSON")]
    public void MetadataThatDoesNotAddUpIsABadRow(string metadata, string why)
    {
        var path = Write("spend.csv", [Header, Row("req-1", "10", "5", "2025-01-15 10:00:00", "2025-01-15 10:00:01", "m", "m", metadata, "")]);
        Assert.That(ReadFails(path).Message, Does.StartWith($"{path}:2: {why}"));
    }

    [Test]
    public void NewerExportsKeepTheUsageObjectWithTheSameField()
    {
        const string metadata = "{\"usage_object\": {\"prompt_tokens\": 900, \"prompt_tokens_details\": {\"cached_tokens\": 512}}}";
        var path = Write("spend.csv", [Header, Row("req-1", "900", "40", "2025-01-15 10:00:00", "2025-01-15 10:00:01", "m", "m", metadata, "success")]);
        Assert.That(ReadAll(path), Is.EqualTo(new[] { new TraceRequest(0, 900, 40, CachedInputTokens: 512) }));
    }

    [Test]
    public void AnExportOfAFewColumnsInAnotherOrderReads()
    {
        var path = Write("spend.csv",
        [
            "\"model\",\"completion_tokens\",\"startTime\",\"prompt_tokens\"",
            "gpt-4o,20,2025-01-15 10:00:00.5,200",
            "gpt-4o,30,2025-01-15 10:00:02,300",
        ]);
        var stats = new TraceStats();
        Assert.That(ReadAll(path, stats: stats), Is.EqualTo(new[] { new TraceRequest(0, 200, 20), new TraceRequest(1.5, 300, 30) }));
        Assert.That(stats.Models, Is.EqualTo(new[] { "gpt-4o" }));
    }

    [Test]
    public void AMissingColumnIsNamedOnTheHeaderLine()
    {
        var path = Write("spend.csv", ["startTime,completion_tokens,model", "2025-01-15 10:00:00,20,m"]);
        var e = ReadFails(path, new TraceOptions(Format: TraceFormat.LiteLlmSpendLogs));
        Assert.That(e.Message, Does.StartWith($"{path}:1: missing column 'prompt_tokens'"));
    }

    [TestCase("2025-01-15T10:20:30.123456Z")]
    [TestCase("2025-01-15 10:20:30.123456+00")]
    [TestCase("2025-01-15 10:20:30.123456+00:00")]
    [TestCase("2025-01-15 10:20:30.123456")]
    public void EveryStampFormIsTheSameUtcInstant(string stamp)
    {
        var path = Write("spend.csv", [Header, Row("req-1", "10", "5", stamp, "", "m", "m", "", "success")]);
        var stats = new TraceStats();
        ReadAll(path, stats: stats);
        Assert.That(stats.OriginUtcTicks, Is.EqualTo(new DateTime(2025, 1, 15, 10, 20, 30, DateTimeKind.Utc).Ticks + 1_234_560));
        Assert.That(stats.StampsHaveZone, Is.True);
    }
}
