namespace FleetSim.Replicas;

/// <summary>The benchmark tools whose result files <see cref="BenchmarkFile"/> reads.</summary>
public enum BenchmarkFormat
{
    /// <summary>vLLM's <c>benchmark_serving.py --save-result</c> (now <c>vllm bench serve --save-result</c>): one JSON object per run, or one per line with <c>--append-result</c>.</summary>
    Vllm,

    /// <summary>GuideLLM's <c>guidellm benchmark --output-path report.json</c>: one report holding a sweep of benchmarks.</summary>
    GuideLlm,

    /// <summary>NVIDIA GenAI-Perf's <c>profile_export_genai_perf.json</c>, or AIPerf's <c>profile_export_aiperf.json</c> (the same layout).</summary>
    GenAiPerf,
}

/// <summary>The formats' names as messages and comments show them.</summary>
public static class BenchmarkFormats
{
    /// <summary>"vLLM benchmark_serving", "GuideLLM", "GenAI-Perf/AIPerf".</summary>
    public static string Name(BenchmarkFormat format) => format switch
    {
        BenchmarkFormat.Vllm => "vLLM benchmark_serving",
        BenchmarkFormat.GuideLlm => "GuideLLM",
        _ => "GenAI-Perf/AIPerf",
    };

    /// <summary>What the command reads, for the message refusing anything else.</summary>
    public const string Expected =
        "expected a vLLM benchmark_serving --save-result JSON (duration, total_input_tokens, total_output_tokens), " +
        "a GuideLLM report (benchmark --output-path report.json: benchmarks[]) or a GenAI-Perf/AIPerf profile export " +
        "(profile_export_genai_perf.json, profile_export_aiperf.json: request_throughput.avg)";
}
