using FleetSim.Replicas;

namespace FleetSim.Tests.Replicas;

/// <summary>GuideLLM reports (guidellm benchmark --output-path report.json; GenerativeBenchmarksReport's fields) into curve points.</summary>
public sealed class GuideLlmReportTests : ReplicaFixtures
{
    [Test]
    public void ASweepGivesOnePointPerBenchmark()
    {
        // (metrics.prompt_token_count.successful.total_sum + metrics.output_token_count.successful.total_sum) / duration:
        // [0] synchronous: (500,000 + 5,000) / 60 = 8,416.67 tok/s at 1 in flight;
        // [1] concurrent, 4 streams: (1,200,000 + 12,000) / 60 = 20,200 at 4;
        // [2] throughput: (2,400,000 + 24,000) / 80 = 30,300 at the measured mean concurrency 11.6 → 12.
        var points = BenchmarkFile.Read(Data("guidellm-sweep.json"));
        Assert.Multiple(() =>
        {
            Assert.That(points.Select(p => p.InFlight), Is.EqualTo(new[] { 1, 4, 12 }));
            Assert.That(points.Select(p => p.TokensPerSecond), Is.EqualTo(new[] { 505_000.0 / 60, 20_200, 30_300 }).Within(1e-9));
            Assert.That(points.Select(p => p.Where), Is.EqualTo(new[] { "benchmarks[0]", "benchmarks[1]", "benchmarks[2]" }));
            Assert.That(points.All(p => p.Format == BenchmarkFormat.GuideLlm));
            Assert.That(points[2].InFlightFrom, Does.Contain("throughput strategy").And.Contain("11.6"));
        });
    }

    [Test]
    public void TheFittedSectionRoundsToWholeTokensPerSecond()
    {
        var (code, yaml, err) = Cli("replica", "fit", Data("guidellm-sweep.json"));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0), err);
            Assert.That(yaml, Does.Contain("- [1, 8417] ").And.Contain("- [4, 20200] ").And.Contain("- [12, 30300] "));
            Assert.That(yaml, Does.Contain("max_in_flight: 12 "));
            // R(1) = 8,416.67 alone against R(12)/12 = 2,525 in a full batch: 3.33×.
            Assert.That(yaml, Does.Contain("a lone request runs at 8,417 tok/s, 3.33× its 2,525 tok/s share of a full batch of 12"));
        });
    }

    [Test]
    public void ThePre04LayoutWithArgsStrategyIsRead()
    {
        // guidellm 0.3 kept the strategy under args: concurrent, 2 streams; (700,000 + 7,000) / 50 = 14,140 tok/s.
        BenchmarkPoint p = Single(Data("guidellm-0.3.json"));
        Assert.Multiple(() =>
        {
            Assert.That(p.InFlight, Is.EqualTo(2));
            Assert.That(p.TokensPerSecond, Is.EqualTo(14_140).Within(1e-9));
        });
    }

    [Test]
    public void AMissingTokenSumIsNamedWithItsBenchmark()
    {
        // Only benchmark [1] carries 12000.0 as its output total_sum.
        string path = Edited("guidellm-sweep.json", "\"total_sum\": 12000.0", "\"total_summ\": 12000.0");
        Refused(["replica", "fit", path], "guidellm-sweep.json: benchmarks[1].metrics.output_token_count.successful.total_sum: missing");
    }

    [Test]
    public void ANegativeDurationIsNamedWithItsBenchmark() =>
        Refused(["replica", "fit", Edited("guidellm-sweep.json", "\"duration\": 80.0", "\"duration\": -80.0")],
            "benchmarks[2].duration: -80 is not positive");

    [Test]
    public void AConcurrentStrategyWithoutStreamsIsNamed() =>
        Refused(["replica", "fit", Edited("guidellm-sweep.json", "\"streams\": 4", "\"streamz\": 4")],
            "benchmarks[1].config.strategy.streams: missing");

    [Test]
    public void AReportWithoutBenchmarksIsRefused() =>
        Refused(["replica", "fit", Write("empty.json", """{"metadata": {"version": 2}, "benchmarks": []}""")],
            "empty.json: benchmarks: the report holds no benchmarks");
}
