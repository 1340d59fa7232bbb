using System.Globalization;
using FleetSim.Scenario;

namespace FleetSim.Tests.Replicas;

/// <summary>`fleetsim replica fit FILE...`: points from several files and tools, refusals that name files and points, and a section a scenario reads.</summary>
public sealed class ReplicaFitCommandTests : ReplicaFixtures
{
    private static readonly string[] Examples = [.. new[] { 1, 2, 4, 8 }.Select(c => Path.Combine(RepoRoot, "scenarios/replicas/benchmarks", $"vllm-c{c}.json"))];

    /// <summary>A vLLM result at max_concurrency <paramref name="c"/> with (input + output) tokens over 100 s.</summary>
    private string Vllm(string name, int c, double tokensPerSecond) => Write(name, string.Create(CultureInfo.InvariantCulture, $$"""
        {"backend": "vllm", "request_rate": "inf", "max_concurrency": {{c}}, "duration": 100.0, "completed": 10,
         "total_input_tokens": {{tokensPerSecond * 100 - 1000:R}}, "total_output_tokens": 1000, "request_throughput": 0.1}
        """));

    [Test]
    public void TheFittedSectionIsAReplicaSectionTheScenarioReads()
    {
        var (code, yaml, err) = Cli(["replica", "fit", .. Examples, "--gpus", "4"]);
        Assert.That(code, Is.EqualTo(0), err);
        // The seed scenario with its replica: section replaced by the fitted one plus the price.
        string seed = File.ReadAllText(Path.Combine(RepoRoot, "scenarios/cline-k2-floor.yaml"));
        int start = seed.IndexOf("\nreplica:", StringComparison.Ordinal) + 1;
        int end = seed.IndexOf("\nfleet:", StringComparison.Ordinal) + 1;
        string scenario = seed[..start] + yaml + "  usd_per_gpu_hour: 6\n  gpus_per_node: 8\n\n" + seed[end..];
        ScenarioSpec spec = ScenarioLoader.Parse(scenario, "fitted.yaml", "fitted");
        ThroughputCurve curve = spec.Replica.MeasuredCurve!;
        Assert.Multiple(() =>
        {
            Assert.That(spec.Replica.Gpus, Is.EqualTo(4));
            Assert.That(spec.Replica.MaxInFlight, Is.EqualTo(8));
            Assert.That(spec.Replica.Throughput.Value, Is.EqualTo(26_600), "processed_tokens_per_second defaults to the last point");
            // R(n) by hand: the points, and straight lines between them (R(6) halfway from 21,000 at 4 to 26,600 at 8).
            Assert.That(Enumerable.Range(1, 8).Select(curve.At), Is.EqualTo(new[] { 8312, 14000, 17500, 21000, 22400, 23800, 25200, 26600 }).Within(1e-9));
            Assert.That(yaml, Does.Contain("vllm-c4.json: max_concurrency 4; (3,320,000 + 40,000 tokens) / 160 s"));
        });
    }

    [Test]
    public void TheReadmeShowsWhatTheCommandPrints()
    {
        const string command = "$ fleetsim replica fit scenarios/replicas/benchmarks/vllm-c1.json scenarios/replicas/benchmarks/vllm-c2.json " +
                               "scenarios/replicas/benchmarks/vllm-c4.json scenarios/replicas/benchmarks/vllm-c8.json --gpus 4\n";
        string readme = File.ReadAllText(Path.Combine(RepoRoot, "README.md"));
        int start = readme.IndexOf(command, StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThan(0), "the README shows the example");
        start += command.Length;
        string shown = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
        var (code, yaml, err) = Cli(["replica", "fit", .. Examples, "--gpus", "4"]);
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(FleetSim.Tests.Cli.ProvenanceComments.WithoutTime(yaml.Replace(RepoRoot + Path.DirectorySeparatorChar, "")), Is.EqualTo(FleetSim.Tests.Cli.ProvenanceComments.WithoutTime(shown)));
    }

    [Test]
    public void FormatsMayBeMixed()
    {
        // GuideLLM's sweep at 1, 4 and 12 in flight, with GenAI-Perf at 2 (13,575 tok/s) and AIPerf at 8 (26,550 tok/s).
        var (code, yaml, err) = Cli("replica", "fit", Data("guidellm-sweep.json"), Data("genai-perf-config-c2.json"), Data("aiperf-c8.json"));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0), err);
            Assert.That(yaml, Does.Contain("from 3 result files (GuideLLM, GenAI-Perf/AIPerf)"));
            Assert.That(CurveItems(yaml), Is.EqualTo("[1, 8417] [2, 13575] [4, 20200] [8, 26550] [12, 30300]"));
        });
    }

    /// <summary>The curve's items as printed, "[n, r]" joined by spaces.</summary>
    private static string CurveItems(string yaml) =>
        string.Join(" ", yaml.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("- [", StringComparison.Ordinal)).Select(l => l[2..(l.IndexOf(']') + 1)]));

    [Test]
    public void TwoFilesAtTheSameInFlightAreRefusedNamingBoth()
    {
        string a = Vllm("a.json", 4, 20_000);
        string b = Vllm("b.json", 4, 21_000);
        Refused(["replica", "fit", a, b], "a.json and ", "b.json both measure 4 in flight", "20,000 and 21,000 tok/s", "give one of them");
    }

    [Test]
    public void AFallPastThePeakIsRefusedAndSuggestsWhatToDrop()
    {
        string[] files = [Vllm("c4.json", 4, 20_000), Vllm("c8.json", 8, 26_000), Vllm("c16.json", 16, 25_000)];
        Refused(["replica", "fit", .. files],
            "throughput falls from 26,000 tok/s at 8 in flight (", "c8.json) to 25,000 at 16 (", "c16.json)",
            "leave out the points past 8 in flight", "--to-peak");
    }

    [Test]
    public void ToPeakKeepsTheCurveUpToItsPeakAndListsWhatItLeftOut()
    {
        string[] files = [Vllm("c4.json", 4, 20_000), Vllm("c8.json", 8, 26_000), Vllm("c16.json", 16, 25_000), Vllm("c32.json", 32, 22_000)];
        var (code, yaml, err) = Cli(["replica", "fit", .. files, "--to-peak"]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0), err);
            Assert.That(yaml, Does.Contain("max_in_flight: 8 "));
            Assert.That(yaml, Does.Contain("- [8, 26000] ").And.Not.Contain("- [16,"));
            Assert.That(yaml, Does.Contain("# left out past the peak (--to-peak): [16, 25000] from ").And.Contain("[32, 22000]"));
        });
    }

    [Test]
    public void ADipBeforeThePeakIsRefusedEvenWithToPeak()
    {
        // 26,000 at 8 then 25,000 at 12, yet 30,000 at 16: noise, not a peak; --to-peak keeps up to 16 and still falls at 12.
        string[] files = [Vllm("c8.json", 8, 26_000), Vllm("c12.json", 12, 25_000), Vllm("c16.json", 16, 30_000)];
        Refused(["replica", "fit", .. files, "--to-peak"], "throughput falls from 26,000 tok/s at 8 in flight", "measurement noise", "c12.json");
    }

    [Test]
    public void OutWritesTheSameSectionToAFile()
    {
        string folder = Path.Combine(Dir, "fitted");
        var (code, yaml, _) = Cli(["replica", "fit", .. Examples, "--out", folder]);
        var (again, _, err) = Cli(["replica", "fit", .. Examples, "--out", folder]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0));
            Assert.That(File.ReadAllText(Path.Combine(folder, "replica.yaml")), Is.EqualTo(yaml));
            Assert.That(again, Is.EqualTo(2), "a previous run's replica.yaml is kept unless --force");
            Assert.That(err, Does.Contain("--force"));
            Assert.That(yaml, Does.Contain("# gpus: not in a benchmark result"), "no --gpus: gpus left to the scenario");
        });
    }

    [Test]
    public void BadFlagsAndFilesAreOneLine()
    {
        Refused(["replica", "fit", Examples[0], "--gpus", "0"], "--gpus: expected the replica's GPUs, 1 to 1024 (got 0)");
        File.WriteAllText(Path.Combine(Dir, "stray"), "");
        Refused(["replica", "fit", Examples[0], "--out", Path.Combine(Dir, "stray")], "--out");
        Refused(["replica", "fits", Examples[0]], "replica: expected 'fit', found 'fits'");
        Refused(["replica", "fit"], "replica fit: give the benchmark result files");
        Refused(["replica", "fit", Path.Combine(Dir, "none.json")], "none.json: no such file");
    }

    /// <summary>A vLLM result with one of its keys missing is still vLLM's: the message names the key.</summary>
    [Test]
    public void AVllmResultMissingAFieldNamesIt() =>
        Refused(["replica", "fit", Write("c4.json", """{"backend": "vllm", "duration": 100, "completed": 400, "total_output_tokens": 40000, "max_concurrency": 4}""")],
                "total_input_tokens");

    [Test]
    public void ATextFileIsNotJson() =>
        Refused(["replica", "fit", Write("trace.csv", "minute,requests,input_tokens,output_tokens\n0,1,900,100\n")],
            "trace.csv: line 1: not JSON", "expected a vLLM benchmark_serving --save-result JSON");

    [Test]
    public void AnotherToolsJsonIsNotABenchmarkResult() =>
        // An OpenAI usage export is JSON, but no benchmark result.
        Refused(["replica", "fit", Write("usage.json", """{"object": "page", "data": [], "has_more": false}""")],
            "usage.json: not a benchmark result FleetSim reads (its keys are object, data, has_more)");

    [Test]
    public void AJsonListIsNotABenchmarkResult() =>
        Refused(["replica", "fit", Write("list.json", "[1, 2]")], "list.json: not a benchmark result FleetSim reads (the JSON is a list, not an object)");
}
