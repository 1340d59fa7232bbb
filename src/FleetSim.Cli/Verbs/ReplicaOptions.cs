using CommandLine;
using CommandLine.Text;

namespace FleetSim.Cli.Verbs;

[Verb("replica", HelpText = "Read benchmark results (vLLM benchmark_serving --save-result JSON, a GuideLLM report, GenAI-Perf/AIPerf profile exports): 'replica fit FILE...' prints the replica: section of a scenario, its throughput_curve one point per run.")]
public sealed class ReplicaVerbOptions
{
    [Value(0, MetaName = "ACTION", Required = true, HelpText = "fit.")]
    public string Action { get; set; } = "";

    [Value(1, MetaName = "FILE", HelpText = "Result files: one per concurrency or request rate (vLLM, GenAI-Perf, AIPerf), or a GuideLLM report holding a sweep; formats may be mixed.")]
    public IEnumerable<string> Files { get; set; } = [];

    [Option("gpus", MetaValue = "N", HelpText = "The GPUs the benchmarked replica ran on (its tensor-parallel size), written as replica.gpus.")]
    public int? Gpus { get; set; }

    [Option("to-peak", HelpText = "Keep the points up to the highest throughput and leave out those past it (they are listed as comments); without it a throughput that falls as more requests are in flight is refused.")]
    public bool ToPeak { get; set; }

    [Option("out", MetaValue = "FILE", HelpText = "Also write the section to FILE.")]
    public string? Out { get; set; }

    [Usage(ApplicationAlias = "fleetsim")]
    public static IEnumerable<Example> Examples =>
    [
        new("A replica's curve from one vLLM result per concurrency", new ReplicaVerbOptions { Action = "fit", Files = ["c1.json", "c2.json", "c4.json", "c8.json"] }),
        new("From a GuideLLM sweep", new ReplicaVerbOptions { Action = "fit", Files = ["report.json"] }),
    ];
}
