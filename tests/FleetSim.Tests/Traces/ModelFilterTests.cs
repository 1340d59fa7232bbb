using FleetSim.Traffic.Traces;

namespace FleetSim.Tests.Traces;

/// <summary>
/// TraceOptions.Model: rows of other models are left out and counted; the models a file names are listed in the
/// stats whether or not one was asked for; a model no row has ends the read listing the file's models.
/// </summary>
[TestFixture]
public sealed class ModelFilterTests : TraceFiles
{
    /// <summary>LiteLLM spend logs of three models, the middle call routed from group "fast" to gpt-4o-mini.</summary>
    private string SpendLogs() => Write("spend.csv",
    [
        "startTime,model,model_group,prompt_tokens,completion_tokens,status",
        "2025-01-15 10:00:00,gpt-4o-2024-08-06,gpt-4o,1000,100,success",
        "2025-01-15 10:00:10,gpt-4o-mini,fast,400,40,success",
        "2025-01-15 10:00:20,anthropic/claude-3-5-sonnet,claude,2000,200,success",
        "2025-01-15 10:00:30,gpt-4o-2024-08-06,gpt-4o,3000,300,failure",
        "2025-01-15 10:00:40,gpt-4o-2024-08-06,gpt-4o,500,50,success",
    ]);

    [Test]
    public void WithoutAModelEveryRowIsReadAndTheModelsAreListed()
    {
        var stats = new TraceStats();
        Assert.That(ReadAll(SpendLogs(), stats: stats).Select(r => r.InputTokens), Is.EqualTo(new[] { 1000, 400, 2000, 500 }));
        Assert.That(stats.Models, Is.EqualTo(new[] { "gpt-4o", "fast", "claude" }));
        Assert.That(stats.MoreModels, Is.False);
        Assert.That(stats.OtherModelRows, Is.Zero);
    }

    [Test]
    public void AModelGroupKeepsItsRowsAndCountsTheOthers()
    {
        var stats = new TraceStats();
        var requests = ReadAll(SpendLogs(), new TraceOptions(Model: "gpt-4o"), stats);
        Assert.That(requests.Where(r => r.Count > 0), Is.EqualTo(new[] { new TraceRequest(0, 1000, 100), new TraceRequest(40, 500, 50) }));
        Assert.That(requests.Where(r => r.Count == 0 && r.ProcessedTokens == 0).Count(), Is.EqualTo(2),
                    "another model's calls keep their time, so the filtered log spans what the log spans");
        Assert.Multiple(() =>
        {
            Assert.That(stats.OtherModelRows, Is.EqualTo(2));
            Assert.That(stats.FailedRequests, Is.EqualTo(1));
            Assert.That(stats.Rows, Is.EqualTo(5));
            Assert.That(stats.Requests, Is.EqualTo(2));
            Assert.That(stats.Models, Is.EqualTo(new[] { "gpt-4o", "fast", "claude" }));
        });
    }

    [TestCase("gpt-4o-mini")]
    [TestCase("FAST")]
    [TestCase(" fast ")]
    public void TheUnderlyingModelOrTheGroupMatchesWhateverItsCase(string model)
    {
        var stats = new TraceStats();
        var requests = ReadAll(SpendLogs(), new TraceOptions(Model: model), stats);
        Assert.That(requests.Where(r => r.Count > 0).Select(r => (r.InputTokens, r.OutputTokens)), Is.EqualTo(new[] { (400.0, 40.0) }));
        Assert.That(stats.OtherModelRows, Is.EqualTo(4));
    }

    [Test]
    public void AModelNoRowHasEndsTheReadListingTheFilesModels()
    {
        var path = SpendLogs();
        var e = ReadFails(path, new TraceOptions(Model: "llama-3"));
        Assert.That(e.Line, Is.Zero);
        Assert.That(e.Message, Is.EqualTo($"{path}: no row is of model 'llama-3'; the file's models: 'gpt-4o', 'fast', 'claude'"));
    }

    [Test]
    public void UsageBucketsOfOneModelKeepTheIdleHour()
    {
        var path = Write("usage.csv",
        [
            "start_time,end_time,input_tokens,input_cached_tokens,output_tokens,num_model_requests,model",
            "1736899200,1736902800,0,0,0,0,",
            "1736902800,1736906400,120000,40000,30000,60,gpt-4o-2024-08-06",
            "1736902800,1736906400,5000,0,1000,10,gpt-4o-mini-2024-07-18",
            "1736906400,1736910000,90000,20000,15000,45,gpt-4o-2024-08-06",
        ]);
        var stats = new TraceStats();
        var requests = ReadAll(path, new TraceOptions(Model: "gpt-4o-2024-08-06"), stats);
        Assert.That(requests.Where(r => r.Count > 0 || r.Seconds == 0), Is.EqualTo(OpenAiUsageJsonTests.Expected.Where((_, i) => i != 2)));
        Assert.That(requests.Single(r => r.Count == 0 && r.Seconds == 3600).SpreadSeconds, Is.EqualTo(3600), "the other model's bucket keeps its hour");
        Assert.That(stats.OtherModelRows, Is.EqualTo(1));
        Assert.That(stats.Requests, Is.EqualTo(60 + 45));
    }

    [Test]
    public void AnExportNotGroupedByModelSaysItsRowsNameNone()
    {
        var path = Write("usage.jsonl",
            [$"{{\"start_time\": 1736899200, \"end_time\": 1736902800, \"results\": [{OpenAiUsageJsonTests.Result("null", "10", "0", "5", "1")}]}}"]);
        Assert.That(ReadFails(path, new TraceOptions(Model: "gpt-4o")).Message,
                    Is.EqualTo($"{path}: no row is of model 'gpt-4o'; the file's models: (no model)"));
    }

    [Test]
    public void PastTwentyModelsTheListSaysThereAreMore()
    {
        var lines = new List<string> { "startTime,model,prompt_tokens,completion_tokens" };
        lines.AddRange(Enumerable.Range(1, 22).Select(i => $"2025-01-15 10:00:{i:00},m{i},10,1"));
        var path = Write("spend.csv", [.. lines]);
        var stats = new TraceStats();
        Assert.That(ReadAll(path, stats: stats), Has.Count.EqualTo(22));
        Assert.That(stats.Models, Is.EqualTo(Enumerable.Range(1, 20).Select(i => $"m{i}")));
        Assert.That(stats.MoreModels, Is.True);
        Assert.That(ReadFails(path, new TraceOptions(Model: "m99")).Message, Does.EndWith("'m19', 'm20' and more"));
    }

    [Test]
    public void AFormatWithoutAModelColumnRefusesAModelAtOnce()
    {
        var path = Write("azure.csv", ["TIMESTAMP,ContextTokens,GeneratedTokens", "2023-11-16 18:17:03.98,10,2"]);
        var e = Assert.Throws<TraceException>(() => TraceReader.Read(path, new TraceOptions(Model: "gpt-4o"), new TraceStats()))!;
        Assert.That(e.Message, Is.EqualTo($"{path}: a model was asked for ('gpt-4o'), but azure traces are not read by model: " +
                                          "only litellm-spend-logs and openai-usage are"));
    }
}
