using FleetSim.Traffic.Traces;

namespace FleetSim.Tests.Traces;

/// <summary>
/// LiteLLM spend logs and OpenAI usage are detected from a CSV header, or from the keys of a JSON file's first
/// records (a pretty-printed export's first line is a lone bracket); other JSON lines stay Mooncake.
/// </summary>
[TestFixture]
public sealed class DetectSpendAndUsageTests : TraceFiles
{
    [TestCase("request_id,call_type,api_key,spend,total_tokens,prompt_tokens,completion_tokens,startTime,endTime,model", TraceFormat.LiteLlmSpendLogs)]
    [TestCase("\"startTime\",\"prompt_tokens\",\"completion_tokens\"", TraceFormat.LiteLlmSpendLogs)]
    [TestCase("start_time,end_time,input_tokens,input_cached_tokens,output_tokens,num_model_requests,model", TraceFormat.OpenAiUsage)]
    [TestCase("start_time,end_time,input_tokens,output_tokens,num_model_requests", TraceFormat.OpenAiUsage)]
    public void FromTheCsvHeader(string header, TraceFormat format) =>
        Assert.That(TraceReader.Detect(Write("trace.csv", [header, ""])), Is.EqualTo(format));

    [TestCase(new[] { "[", "  {", "    \"request_id\": \"a\",", "    \"startTime\": \"2025-01-15T10:00:00Z\",", "    \"prompt_tokens\": 1", "  }", "]" },
              TraceFormat.LiteLlmSpendLogs)]
    [TestCase(new[] { "{\"data\": [{\"request_id\": \"a\", \"startTime\": \"2025-01-15T10:00:00Z\", \"prompt_tokens\": 1}], \"total\": 1}" },
              TraceFormat.LiteLlmSpendLogs)]
    [TestCase(new[] { "{\"request_id\": \"a\", \"startTime\": \"2025-01-15T10:00:00Z\", \"prompt_tokens\": 1}" }, TraceFormat.LiteLlmSpendLogs)]
    [TestCase(new[] { "{", "  \"object\": \"page\",", "  \"data\": [", "    {\"object\": \"bucket\", \"start_time\": 1, \"end_time\": 61, \"results\": []}", "  ]", "}" },
              TraceFormat.OpenAiUsage)]
    [TestCase(new[] { "{\"object\": \"bucket\", \"start_time\": 1, \"end_time\": 61, \"results\": [{\"input_tokens\": 1, \"output_tokens\": 1, \"num_model_requests\": 1}]}" },
              TraceFormat.OpenAiUsage)]
    [TestCase(new[] { "{\"timestamp\": 0, \"input_length\": 1, \"output_length\": 1, \"hash_ids\": []}" }, TraceFormat.Mooncake)]
    public void FromTheKeysOfAJsonFile(string[] lines, TraceFormat format) =>
        Assert.That(TraceReader.Detect(Write("trace.json", lines)), Is.EqualTo(format));

    [Test]
    public void AJsonArrayOfSomethingElseIsUnknownAndListsTheFormats()
    {
        var path = Write("other.json", ["[", "  {\"when\": 1, \"what\": 2}", "]"]);
        var e = Assert.Throws<TraceException>(() => TraceReader.Detect(path))!;
        Assert.That(e.Message, Does.StartWith($"{path}:1: unknown trace format").And.Contain("LiteLLM spend logs").And.Contain("OpenAI usage"));
    }
}
