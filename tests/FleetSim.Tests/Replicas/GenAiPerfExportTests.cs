using FleetSim.Replicas;

namespace FleetSim.Tests.Replicas;

/// <summary>GenAI-Perf profile_export_genai_perf.json and AIPerf profile_export_aiperf.json into curve points.</summary>
public sealed class GenAiPerfExportTests : ReplicaFixtures
{
    [Test]
    public void GenAiPerfArgumentsGiveTheConcurrency()
    {
        // request_throughput.avg × (input_sequence_length.avg + output_sequence_length.avg) = 0.25 × (84,000 + 1,000) = 21,250 tok/s,
        // at input_config.concurrency 4.
        BenchmarkPoint p = Single(Data("genai-perf-c4.json"));
        Assert.Multiple(() =>
        {
            Assert.That(p.Format, Is.EqualTo(BenchmarkFormat.GenAiPerf));
            Assert.That(p.InFlight, Is.EqualTo(4));
            Assert.That(p.TokensPerSecond, Is.EqualTo(21_250).Within(1e-9));
            Assert.That(p.InFlightFrom, Is.EqualTo("GenAI-Perf, input_config.concurrency 4"));
        });
    }

    [Test]
    public void AGenAiPerfConfigFileGivesTheConcurrencyAsItsStimulus()
    {
        // 0.15 × (90,000 + 500) = 13,575 tok/s at perf_analyzer.stimulus.concurrency 2.
        BenchmarkPoint p = Single(Data("genai-perf-config-c2.json"));
        Assert.Multiple(() =>
        {
            Assert.That(p.InFlight, Is.EqualTo(2));
            Assert.That(p.TokensPerSecond, Is.EqualTo(13_575).Within(1e-9));
        });
    }

    [Test]
    public void AiPerfGivesTheConcurrencyUnderLoadgen()
    {
        // 0.3 × (87,000 + 1,500) = 26,550 tok/s at loadgen.concurrency 8.
        BenchmarkPoint p = Single(Data("aiperf-c8.json"));
        Assert.Multiple(() =>
        {
            Assert.That(p.InFlight, Is.EqualTo(8));
            Assert.That(p.TokensPerSecond, Is.EqualTo(26_550).Within(1e-9));
            Assert.That(p.InFlightFrom, Does.StartWith("AIPerf, "));
        });
    }

    [Test]
    public void ARequestRateRunGetsItsInFlightByLittlesLaw()
    {
        // 0.2 req/s × 14,000 ms = 2.8 in flight → 3; 0.2 × (84,000 + 1,000) = 17,000 tok/s.
        BenchmarkPoint p = Single(Data("aiperf-rate.json"));
        Assert.Multiple(() =>
        {
            Assert.That(p.InFlight, Is.EqualTo(3));
            Assert.That(p.TokensPerSecond, Is.EqualTo(17_000).Within(1e-9));
            Assert.That(p.InFlightFrom, Does.Contain("Little's law").And.Contain("= 2.8"));
        });
    }

    [Test]
    public void ALatencyInSecondsIsReadAsSeconds() =>
        // The same run with request_latency given as 14 s: still 2.8 → 3 in flight.
        Assert.That(Single(Edited("aiperf-rate.json", "\"unit\": \"ms\",\n    \"avg\": 14000.0", "\"unit\": \"s\",\n    \"avg\": 14.0")).InFlight, Is.EqualTo(3));

    [Test]
    public void AMissingSequenceLengthIsNamed() =>
        Refused(["replica", "fit", Edited("genai-perf-c4.json", "\"input_sequence_length\"", "\"input_seq_length\"")],
            "genai-perf-c4.json: input_sequence_length.avg: missing");

    [Test]
    public void ANegativeSequenceLengthIsNamed() =>
        Refused(["replica", "fit", Edited("genai-perf-c4.json", "\"unit\": \"tokens\",\n    \"avg\": 1000.0", "\"unit\": \"tokens\",\n    \"avg\": -1000.0")],
            "output_sequence_length.avg: -1000 is negative");

    [Test]
    public void AZeroThroughputIsNamed() =>
        Refused(["replica", "fit", Edited("genai-perf-c4.json", "\"avg\": 0.25", "\"avg\": 0")],
            "request_throughput.avg: 0 is not positive");

    [Test]
    public void NoConcurrencyAndNoLatencyIsRefused() =>
        Refused(["replica", "fit", Edited("aiperf-rate.json", "\"request_latency\"", "\"request_latenzy\"")],
            "aiperf-rate.json: request_latency.avg: missing, and the run names no concurrency");
}
