using System.Text.Json;

namespace FleetSim.Replicas;

/// <summary>
/// A point from vLLM's serving benchmark result (<c>benchmark_serving.py --save-result</c>, now
/// <c>vllm bench serve --save-result</c>; field names as in vllm/benchmarks/serve.py):
/// processed tok/s = (<c>total_input_tokens</c> + <c>total_output_tokens</c>) / <c>duration</c>, the
/// completed requests' tokens over the run's seconds; in flight = <c>max_concurrency</c> when the run set
/// one, else by Little's law <c>request_throughput</c> × <c>mean_e2el_ms</c> / 1000.
/// </summary>
/// <remarks>
/// With a finite <c>request_rate</c> as well, <c>max_concurrency</c> is a cap the offered rate may not have
/// filled; the point's comment says so. <c>mean_e2el_ms</c> is only saved when the run's
/// <c>--percentile-metrics</c> include e2el (the default is ttft,tpot,itl).
/// </remarks>
internal static class VllmResult
{
    /// <summary>Whether <paramref name="root"/> looks like a vLLM result: it has <c>total_input_tokens</c> and <c>duration</c>.</summary>
    public static bool Matches(JsonElement root) =>
        // Two of the keys every saved result has, so a result missing one of them is still read as vLLM's
        // and refused naming the missing field, not as "not a benchmark result".
        new[] { "total_input_tokens", "total_output_tokens", "duration", "completed" }.Count(key => BenchmarkFields.Has(root, key, out _)) >= 2;

    /// <summary>The point <paramref name="root"/> measured.</summary>
    /// <exception cref="BenchmarkException">A field is missing, not a number, negative, or the run completed nothing.</exception>
    public static BenchmarkPoint Read(BenchmarkFields f, JsonElement root)
    {
        double seconds = f.Positive(root, "", "duration");
        double input = f.NonNegative(root, "", "total_input_tokens");
        double output = f.NonNegative(root, "", "total_output_tokens");
        if (BenchmarkFields.Has(root, "completed", out JsonElement completed) && f.NumberOf(completed, "completed") <= 0)
        {
            throw f.Error("completed", "no request completed in this run, so it measured no throughput");
        }
        if (input + output <= 0)
        {
            throw f.Error("total_input_tokens", "the run processed no tokens (total_input_tokens + total_output_tokens is 0)");
        }
        double? rate = RequestRate(f, root);
        (int inFlight, string from) = f.Concurrency(root, "", "max_concurrency", LittlesLaw.MostInFlight) is { } cap
            ? (cap, rate is { } r ? $"max_concurrency {cap}, a cap: at request_rate {BenchmarkFigures.Figure(r)}/s fewer may have been in flight" : $"max_concurrency {cap}")
            : ByLittlesLaw(f, root);
        // mean_ttft_ms is saved by default (--percentile-metrics ttft,tpot,itl); mean input tokens = total_input_tokens / completed.
        PrefillFigure? prefill = BenchmarkFields.Has(root, "mean_ttft_ms", out _) && BenchmarkFields.Has(root, "completed", out _)
            ? PrefillFigure.Of(inFlight, input / f.Positive(root, "", "completed"), f.NonNegative(root, "", "mean_ttft_ms") / 1000, f, "mean_ttft_ms")
            : null;
        return new BenchmarkPoint(f.File, f.Where, BenchmarkFormat.Vllm, inFlight, (input + output) / seconds,
            from, BenchmarkFigures.TotalsOverDuration(input, output, seconds))
        { Prefill = prefill };
    }

    /// <summary>The run's finite request_rate, or null for "inf" (all requests at once, or as fast as max_concurrency lets them) or none.</summary>
    private static double? RequestRate(BenchmarkFields f, JsonElement root) =>
        BenchmarkFields.Has(root, "request_rate", out JsonElement rate) && rate.ValueKind == JsonValueKind.Number
            ? f.NumberOf(rate, "request_rate")
            : null;

    private static (int, string) ByLittlesLaw(BenchmarkFields f, JsonElement root)
    {
        if (!BenchmarkFields.Has(root, "mean_e2el_ms", out _))
        {
            throw f.Error("mean_e2el_ms",
                "missing, and so is max_concurrency: without a fixed concurrency the requests in flight come from Little's law, " +
                "request_throughput × mean end-to-end latency; rerun with --percentile-metrics ttft,tpot,itl,e2el, or with --max-concurrency N");
        }
        double lambda = f.Positive(root, "", "request_throughput");
        double seconds = f.Positive(root, "", "mean_e2el_ms") / 1000;
        return LittlesLaw.InFlight(f, lambda, seconds, "request_throughput", "mean_e2el_ms");
    }
}
