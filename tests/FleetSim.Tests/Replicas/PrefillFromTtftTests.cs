using FleetSim.Replicas;
using FleetSim.Scenario;

namespace FleetSim.Tests.Replicas;

/// <summary>
/// Issue 16: the replica's prefill rate read off a benchmark's mean time to first token. FleetSim's
/// request engine shares prefill among the n requests in flight (TTFT = fresh input × n / P), so a
/// run at n in flight with mean input I and mean TTFT T implies P = n·I/T.
/// </summary>
public sealed class PrefillFromTtftTests : ReplicaFixtures
{
    [Test]
    public void AVllmResultWithItsTtftGivesThePrefillRate()
    {
        // vllm-rate.json: 7,560,000 input tokens over 90 completed = 84,000 a request; mean_ttft_ms 1,700;
        // in flight by Little's law 0.3 req/s × 23.5 s = 7.05 → 7. P = 7 × 84,000 / 1.7 = 345,882.35 tok/s.
        BenchmarkPoint p = Single(Data("vllm-rate.json"));
        Assert.Multiple(() =>
        {
            Assert.That(p.Prefill!.TokensPerSecond, Is.EqualTo(7 * 84_000 / 1.7).Within(1e-9).Percent);
            Assert.That(p.Prefill.From, Is.EqualTo("7 in flight × 84,000 input tokens / 1.7 s mean TTFT"));
        });
    }

    [Test]
    public void GenAiPerfAndAiPerfExportsGiveItFromTimeToFirstToken()
    {
        // genai-perf-c4.json: 4 × 84,000 / 1.6 s = 210,000; aiperf-c8.json: 8 × 87,000 / 1.6 s = 435,000.
        Assert.Multiple(() =>
        {
            Assert.That(Single(Data("genai-perf-c4.json")).Prefill!.TokensPerSecond, Is.EqualTo(210_000).Within(1e-9).Percent);
            Assert.That(Single(Data("aiperf-c8.json")).Prefill!.TokensPerSecond, Is.EqualTo(435_000).Within(1e-9).Percent);
        });
    }

    [Test]
    public void AGuideLlmReportGivesItFromTimeToFirstTokenMs()
    {
        // guidellm-0.3.json's first benchmark: concurrent, 2 streams, successful prompts of 87,500 tokens on average; with
        // a mean time to first token of 1,400 ms, P = 2 × 87,500 / 1.4 s = 125,000 tok/s.
        string file = Edited("guidellm-0.3.json", "      \"metrics\": {", "      \"metrics\": {\n        \"time_to_first_token_ms\": {\"successful\": {\"mean\": 1400.0}},");
        BenchmarkPoint p = Single(file);
        Assert.Multiple(() =>
        {
            Assert.That(p.Prefill!.TokensPerSecond, Is.EqualTo(125_000).Within(1e-9).Percent);
            Assert.That(p.Prefill.From, Is.EqualTo("2 in flight × 87,500 input tokens / 1.4 s mean TTFT"));
            Assert.That(Single(Data("guidellm-0.3.json")).Prefill, Is.Null, "no time_to_first_token_ms: no prefill");
        });
    }

    /// <summary>A mean TTFT of 0, or one that makes the prefill rate absurd (a unit mistake), is refused naming the field, not printed as a section the scenario reader would refuse.</summary>
    [TestCase("0.0", "a mean time to first token of 0 cannot be right")]
    [TestCase("1e-300", "outside 1 to 10,000,000,000 tok/s")]
    [TestCase("1e300", "outside 1 to 10,000,000,000 tok/s")]
    public void AnAbsurdGuideLlmTtftIsRefusedNamingTheField(string ms, string problem)
    {
        string file = Edited("guidellm-0.3.json", "      \"metrics\": {", $"      \"metrics\": {{\n        \"time_to_first_token_ms\": {{\"successful\": {{\"mean\": {ms}}}}},");
        var e = Assert.Throws<BenchmarkException>(() => Single(file))!;
        Assert.That(e.Message, Does.Contain("time_to_first_token_ms.successful.mean").And.Contain(problem));
    }

    [Test]
    public void AScenarioRefusesAPrefillRateBelowOneTokenASecond()
    {
        var e = Assert.Throws<ScenarioException>(() => Scenarios.Seed("replica.prefill_tokens_per_second=1.75E-292"))!;
        Assert.That(e.Message, Does.Contain("prefill_tokens_per_second").And.Contain("at least 1"));
    }

    [Test]
    public void AResultWithoutATtftGivesNone()
    {
        Assert.That(Single(Path.Combine(RepoRoot, "scenarios/replicas/benchmarks/vllm-c1.json")).Prefill, Is.Null);
    }

    [Test]
    public void ATtftInAnUnknownUnitIsRefusedNamingTheField()
    {
        string file = Edited("genai-perf-c4.json", "\"time_to_first_token\": {\n    \"unit\": \"ms\"", "\"time_to_first_token\": {\n    \"unit\": \"fortnights\"");
        var e = Assert.Throws<BenchmarkException>(() => Single(file));
        Assert.That(e!.Message, Does.Contain("time_to_first_token.unit").And.Contain("fortnights"));
    }

    /// <summary>The fitted section names it from the fewest in flight that saved a TTFT, and a scenario reads it.</summary>
    [Test]
    public void TheFittedSectionCarriesItAndAScenarioReadsIt()
    {
        MeasuredCurve curve = MeasuredCurve.Of([Single(Data("genai-perf-c4.json")), Single(Data("genai-perf-config-c2.json"))], toPeak: false);
        string yaml = ReplicaSection.Yaml(curve, gpus: 4);
        // genai-perf-config-c2.json: 2 × 90,000 / 1.6 s = 112,500 tok/s (2 in flight, fewer than 4).
        Assert.That(yaml, Does.Contain("  prefill_tokens_per_second: 112500 "));
        string scenario = File.ReadAllText(Path.Combine(RepoRoot, "scenarios/cline-k2-floor.yaml"));
        int start = scenario.IndexOf("\nreplica:", StringComparison.Ordinal) + 1;
        int end = scenario.IndexOf("\nfleet:", start, StringComparison.Ordinal) + 1;
        string pasted = scenario[..start] + yaml.Replace("replica:\n", "replica:\n  gpus_per_node: 8\n  usd_per_gpu_hour: 6\n", StringComparison.Ordinal) + scenario[end..];
        ScenarioSpec s = ScenarioLoader.Parse(pasted, "pasted.yaml", "pasted");
        Assert.That(s.Replica.Prefill.Value, Is.EqualTo(112_500));
    }
}
