using CommandLine;

namespace FleetSim.Cli.Verbs;

[Verb("replica", HelpText = "Read benchmark results (vLLM benchmark_serving --save-result JSON, a GuideLLM report, GenAI-Perf/AIPerf profile exports): 'replica fit FILE...' prints the replica: section of a scenario, its throughput_curve one point per run.")]
public sealed class ReplicaVerbOptions
{
    [Value(0, MetaName = "ACTION", Required = true, HelpText = "fit.")]
    public string Action { get; set; } = "";

    [Value(1, MetaName = "FILE...", HelpText = "Result files: one per concurrency or request rate (vLLM, GenAI-Perf, AIPerf), or a GuideLLM report holding a sweep; formats may be mixed.")]
    public IEnumerable<string> Files { get; set; } = [];

    [Option("gpus", MetaValue = "N", HelpText = "The GPUs the benchmarked replica ran on (its tensor-parallel size), written as replica.gpus.")]
    public int? Gpus { get; set; }

    [Option("to-peak", HelpText = "Keep the points up to the highest throughput and leave out those past it (they are listed as comments); without it a throughput that falls as more requests are in flight is refused.")]
    public bool ToPeak { get; set; }

    [Option("out", MetaValue = "DIR", HelpText = "Also write the section to DIR/replica.yaml (no file without it).")]
    public string? Out { get; set; }

    [Option("force", HelpText = CommonHelp.Force)]
    public bool Force { get; set; }

    [Option("quiet", HelpText = "Leave out the note on stderr naming the file --out wrote; the section itself is always printed.")]
    public bool Quiet { get; set; }

    public static IReadOnlyList<VerbExample> Examples =>
    [
        new("A replica's curve from one vLLM result per concurrency",
            "fleetsim replica fit scenarios/replicas/benchmarks/vllm-c1.json scenarios/replicas/benchmarks/vllm-c2.json scenarios/replicas/benchmarks/vllm-c4.json scenarios/replicas/benchmarks/vllm-c8.json --gpus 4"),
        new("From a GuideLLM sweep, keeping the points up to the peak", "fleetsim replica fit report.json --to-peak --out out/replica"),
    ];
}
