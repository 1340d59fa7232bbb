using System.Text.Json;

namespace FleetSim.Replicas;

/// <summary>
/// A point from NVIDIA GenAI-Perf's <c>profile_export_genai_perf.json</c> or AIPerf's
/// <c>profile_export_aiperf.json</c> (AIPerf keeps GenAI-Perf's layout): each metric is an object with a
/// <c>unit</c> and statistics such as <c>avg</c>, and the run's settings are under <c>input_config</c>.
/// </summary>
/// <remarks>
/// Processed tok/s = <c>request_throughput.avg</c> × (<c>input_sequence_length.avg</c> +
/// <c>output_sequence_length.avg</c>): requests per second times the mean tokens each processed. In flight:
/// the run's concurrency, <c>input_config.concurrency</c> (GenAI-Perf command-line arguments),
/// <c>input_config.perf_analyzer.stimulus.concurrency</c> (GenAI-Perf config files) or
/// <c>input_config.loadgen.concurrency</c> (AIPerf); without one, by Little's law
/// <c>request_throughput.avg</c> × <c>request_latency.avg</c> (milliseconds unless its unit says s).
/// </remarks>
internal static class GenAiPerfExport
{
    private static readonly string[] ConcurrencyPaths = ["concurrency", "perf_analyzer.stimulus.concurrency", "loadgen.concurrency"];

    /// <summary>Whether <paramref name="root"/> looks like a GenAI-Perf or AIPerf export: <c>request_throughput</c> is a metric object.</summary>
    public static bool Matches(JsonElement root) =>
        BenchmarkFields.Has(root, "request_throughput", out JsonElement t) && t.ValueKind == JsonValueKind.Object;

    /// <summary>The point <paramref name="root"/> measured.</summary>
    /// <exception cref="BenchmarkException">A field is missing, not a number or negative.</exception>
    public static BenchmarkPoint Read(BenchmarkFields f, JsonElement root)
    {
        double lambda = f.Positive(root, "", "request_throughput.avg");
        double input = f.NonNegative(root, "", "input_sequence_length.avg");
        double output = f.NonNegative(root, "", "output_sequence_length.avg");
        if (input + output <= 0)
        {
            throw f.Error("input_sequence_length.avg", "the requests carried no tokens (input and output sequence lengths are 0)");
        }
        string tool = BenchmarkFields.Find(root, "input_config.loadgen", out _) ? "AIPerf" : "GenAI-Perf";
        (int inFlight, string from) = Concurrency(f, root) ?? ByLittlesLaw(f, root, lambda);
        string throughput = $"{BenchmarkFigures.Figure(lambda)} req/s × ({BenchmarkFigures.Figure(input)} + {BenchmarkFigures.Figure(output)} tokens)";
        PrefillFigure? prefill = BenchmarkFields.Find(root, "time_to_first_token.avg", out _)
            ? PrefillFigure.Of(inFlight, input, Seconds(f, root, "time_to_first_token"), f, "time_to_first_token.avg")
            : null;
        return new BenchmarkPoint(f.File, f.Where, BenchmarkFormat.GenAiPerf, inFlight, lambda * (input + output), $"{tool}, {from}", throughput)
        {
            Prefill = prefill,
        };
    }

    /// <summary>A latency metric's average in seconds, read in its <c>unit</c> (ms when none is given).</summary>
    private static double Seconds(BenchmarkFields f, JsonElement root, string metric)
    {
        double value = f.NonNegative(root, "", metric + ".avg");
        string unit = BenchmarkFields.Find(root, metric + ".unit", out JsonElement u) && u.ValueKind == JsonValueKind.String ? u.GetString() ?? "ms" : "ms";
        return unit switch
        {
            "ms" => value / 1000,
            "s" or "sec" => value,
            _ => throw f.Error(metric + ".unit", $"\"{unit}\" is not a unit FleetSim reads (ms or s)"),
        };
    }

    private static (int, string)? Concurrency(BenchmarkFields f, JsonElement root)
    {
        foreach (string path in ConcurrencyPaths)
        {
            if (f.Concurrency(root, "", "input_config." + path, LittlesLaw.MostInFlight) is { } n)
            {
                return (n, $"input_config.{path} {n}");
            }
        }
        return null;
    }

    private static (int, string) ByLittlesLaw(BenchmarkFields f, JsonElement root, double lambda)
    {
        if (!BenchmarkFields.Find(root, "request_latency.avg", out _))
        {
            throw f.Error("request_latency.avg",
                "missing, and the run names no concurrency (input_config): the requests in flight come from Little's law, " +
                "request_throughput × request_latency, or rerun at a fixed --concurrency");
        }
        f.Positive(root, "", "request_latency.avg");
        double seconds = Seconds(f, root, "request_latency");
        return LittlesLaw.InFlight(f, lambda, seconds, "request_throughput.avg", "request_latency.avg");
    }
}
