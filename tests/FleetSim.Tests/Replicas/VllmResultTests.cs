using FleetSim.Replicas;

namespace FleetSim.Tests.Replicas;

/// <summary>vLLM benchmark_serving --save-result files (field names of vllm/benchmarks/serve.py) into curve points.</summary>
public sealed class VllmResultTests : ReplicaFixtures
{
    private static string Example(int c) => Path.Combine(RepoRoot, "scenarios/replicas/benchmarks", $"vllm-c{c}.json");

    [Test]
    public void OneResultPerConcurrencyMakesTheCurve()
    {
        // (total_input_tokens + total_output_tokens) / duration, by hand:
        // c1 (821,200 + 10,000) / 100 = 8,312; c2 (1,660,000 + 20,000) / 120 = 14,000;
        // c4 (3,320,000 + 40,000) / 160 = 21,000; c8 (6,570,000 + 80,000) / 250 = 26,600.
        var points = new[] { 8, 1, 4, 2 }.SelectMany(c => BenchmarkFile.Read(Example(c))).ToList();
        MeasuredCurve curve = MeasuredCurve.Of(points, toPeak: false);
        Assert.Multiple(() =>
        {
            Assert.That(curve.Points.Select(p => p.InFlight), Is.EqualTo(new[] { 1, 2, 4, 8 }), "sorted by in flight, from max_concurrency");
            Assert.That(curve.Points.Select(p => p.TokensPerSecond), Is.EqualTo(new[] { 8312, 14000, 21000, 26600 }).Within(1e-9));
            Assert.That(curve.Curve.At(3), Is.EqualTo(17500).Within(1e-9), "halfway between 14,000 at 2 and 21,000 at 4");
            Assert.That(curve.Points[0].Format, Is.EqualTo(BenchmarkFormat.Vllm));
            Assert.That(curve.Points[0].InFlightFrom, Is.EqualTo("max_concurrency 1"));
            Assert.That(curve.Points[0].ThroughputFrom, Is.EqualTo("(821,200 + 10,000 tokens) / 100 s"));
        });
    }

    [Test]
    public void ARequestRateRunGetsItsInFlightByLittlesLaw()
    {
        // request_throughput 0.3 req/s × mean_e2el_ms 23,500 ms = 7.05 in flight → 7;
        // (7,560,000 + 90,000) / 300 s = 25,500 tok/s.
        BenchmarkPoint p = Single(Data("vllm-rate.json"));
        Assert.Multiple(() =>
        {
            Assert.That(p.InFlight, Is.EqualTo(7));
            Assert.That(p.TokensPerSecond, Is.EqualTo(25_500).Within(1e-9));
            Assert.That(p.InFlightFrom, Does.Contain("Little's law").And.Contain("0.3 req/s × 23.5 s = 7.05"));
        });
    }

    [Test]
    public void LittlesLawRoundsToTheNearestWholeRequest()
    {
        // 0.3 × 25.0 s = 7.5 → 8 (half away from zero); 0.3 × 24.9 s = 7.47 → 7.
        Assert.Multiple(() =>
        {
            Assert.That(Single(Edited("vllm-rate.json", "\"mean_e2el_ms\": 23500.0", "\"mean_e2el_ms\": 25000.0")).InFlight, Is.EqualTo(8));
            Assert.That(Single(Edited("vllm-rate.json", "\"mean_e2el_ms\": 23500.0", "\"mean_e2el_ms\": 24900.0")).InFlight, Is.EqualTo(7));
        });
    }

    [Test]
    public void MaxConcurrencyWithARequestRateIsACapAndSaysSo()
    {
        BenchmarkPoint p = Single(Edited("vllm-rate.json", "\"max_concurrency\": null", "\"max_concurrency\": 8"));
        Assert.Multiple(() =>
        {
            Assert.That(p.InFlight, Is.EqualTo(8), "max_concurrency when set, not Little's law's 7");
            Assert.That(p.InFlightFrom, Does.Contain("a cap").And.Contain("request_rate 0.3/s"));
        });
    }

    [Test]
    public void AppendedResultsGiveOnePointPerLine()
    {
        // vllm bench serve --append-result writes one JSON object per line.
        string one = File.ReadAllText(Example(1)).ReplaceLineEndings(" ");
        string two = File.ReadAllText(Example(2)).ReplaceLineEndings(" ");
        var points = BenchmarkFile.Read(Write("appended.json", one + "\n" + two + "\n"));
        Assert.Multiple(() =>
        {
            Assert.That(points.Select(p => (p.InFlight, p.TokensPerSecond)), Is.EqualTo(new[] { (1, 8312.0), (2, 14000.0) }));
            Assert.That(points.Select(p => p.Where), Is.EqualTo(new[] { "line 1", "line 2" }));
        });
    }

    [Test]
    public void AMissingFieldIsNamed()
    {
        string path = Edited("vllm-rate.json", "\"total_output_tokens\"", "\"total_output_tokenz\"", "c7.json");
        Refused(["replica", "fit", path], "c7.json: total_output_tokens: missing");
    }

    [Test]
    public void ANegativeOrZeroFieldIsNamed()
    {
        Refused(["replica", "fit", Edited("vllm-rate.json", "\"duration\": 300.0", "\"duration\": -300.0")], "vllm-rate.json: duration: -300 is not positive");
        Refused(["replica", "fit", Edited("vllm-rate.json", "\"total_input_tokens\": 7560000", "\"total_input_tokens\": -5")], "total_input_tokens: -5 is negative");
        Refused(["replica", "fit", Edited("vllm-rate.json", "\"completed\": 90", "\"completed\": 0")], "completed: no request completed");
    }

    [Test]
    public void AStringWhereANumberBelongsIsNamed() =>
        Refused(["replica", "fit", Edited("vllm-rate.json", "\"duration\": 300.0", "\"duration\": \"300\"")], "duration: \"300\" is not a number");

    [Test]
    public void WithoutConcurrencyOrEndToEndLatencyTheRunCannotBePlaced() =>
        // vLLM saves mean_e2el_ms only when --percentile-metrics includes e2el (the default is ttft,tpot,itl).
        Refused(["replica", "fit", Edited("vllm-rate.json", "\"mean_e2el_ms\"", "\"mean_e2el_msx\"")],
            "vllm-rate.json: mean_e2el_ms: missing, and so is max_concurrency", "--percentile-metrics ttft,tpot,itl,e2el");

    [Test]
    public void ALoadOfLessThanOneRequestInFlightIsRefused() =>
        // 0.3 req/s × 1.5 s = 0.45 in flight, which rounds to 0.
        Refused(["replica", "fit", Edited("vllm-rate.json", "\"mean_e2el_ms\": 23500.0", "\"mean_e2el_ms\": 1500.0")],
            "mean_e2el_ms: by Little's law", "0.45", "fewer than one");

    [Test]
    public void AMaxConcurrencyThatIsNoWholeCountIsNamed() =>
        Refused(["replica", "fit", Edited("vllm-rate.json", "\"max_concurrency\": null", "\"max_concurrency\": 2.5")],
            "max_concurrency: 2.5 is not a whole number of requests in flight");
}
