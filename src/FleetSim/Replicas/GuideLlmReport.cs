using System.Text.Json;

namespace FleetSim.Replicas;

/// <summary>
/// The points of a GuideLLM benchmark report (<c>guidellm benchmark --output-path report.json</c>; field
/// names as in guidellm's GenerativeBenchmarksReport, the same in 0.3 and later): one point per entry of
/// <c>benchmarks</c>, each a run at one concurrency or rate of the sweep.
/// </summary>
/// <remarks>
/// Processed tok/s = (<c>metrics.prompt_token_count.successful.total_sum</c> +
/// <c>metrics.output_token_count.successful.total_sum</c>) / <c>duration</c>: the successful requests'
/// tokens over the measured seconds. In flight: 1 for the <c>synchronous</c> strategy, <c>streams</c> for
/// <c>concurrent</c> (the strategy is at <c>config.strategy</c>, or <c>args.strategy</c> before 0.4), and for
/// any other strategy (throughput, constant, poisson) the time-weighted mean GuideLLM measured,
/// <c>metrics.request_concurrency.successful.mean</c>, rounded to a whole request. Prefill, when the report has
/// both: in flight × <c>metrics.prompt_token_count.successful.mean</c> / (<c>metrics.time_to_first_token_ms.successful.mean</c> / 1000),
/// as for the other tools (<see cref="PrefillFigure.Of"/>).
/// </remarks>
internal static class GuideLlmReport
{
    /// <summary>Whether <paramref name="root"/> looks like a GuideLLM report: it has a <c>benchmarks</c> list.</summary>
    public static bool Matches(JsonElement root) =>
        BenchmarkFields.Has(root, "benchmarks", out JsonElement list) && list.ValueKind == JsonValueKind.Array;

    /// <summary>One point per benchmark in the report.</summary>
    /// <exception cref="BenchmarkException">The report holds no benchmarks, or a field is missing, not a number or negative.</exception>
    public static IReadOnlyList<BenchmarkPoint> Read(BenchmarkFields f, JsonElement root)
    {
        JsonElement list = root.GetProperty("benchmarks");
        if (list.GetArrayLength() == 0)
        {
            throw f.Error("benchmarks", "the report holds no benchmarks");
        }
        var points = new List<BenchmarkPoint>();
        int i = 0;
        foreach (JsonElement b in list.EnumerateArray())
        {
            points.Add(ReadOne(f, b, $"benchmarks[{i++}]"));
        }
        return points;
    }

    private static BenchmarkPoint ReadOne(BenchmarkFields f, JsonElement b, string at)
    {
        if (b.ValueKind != JsonValueKind.Object)
        {
            throw f.Error(at, $"expected a benchmark object, found {BenchmarkFields.Shown(b)}");
        }
        double seconds = f.Positive(b, at, "duration");
        JsonElement metrics = f.Object(b, at, "metrics");
        string m = BenchmarkFields.Join(at, "metrics");
        double prompt = f.NonNegative(metrics, m, "prompt_token_count.successful.total_sum");
        double output = f.NonNegative(metrics, m, "output_token_count.successful.total_sum");
        if (prompt + output <= 0)
        {
            throw f.Error(BenchmarkFields.Join(m, "prompt_token_count.successful.total_sum"),
                "no successful request processed a token in this benchmark, so it measured no throughput");
        }
        (int inFlight, string from) = InFlight(f, b, metrics, at, m);
        // The successful requests' mean time to first token (milliseconds) and mean prompt, when the report has them.
        PrefillFigure? prefill = BenchmarkFields.Find(metrics, "time_to_first_token_ms.successful.mean", out _)
                                 && BenchmarkFields.Find(metrics, "prompt_token_count.successful.mean", out _)
            ? PrefillFigure.Of(inFlight, f.NonNegative(metrics, m, "prompt_token_count.successful.mean"),
                f.NonNegative(metrics, m, "time_to_first_token_ms.successful.mean") / 1000, f, BenchmarkFields.Join(m, "time_to_first_token_ms.successful.mean"))
            : null;
        return new BenchmarkPoint(f.File, at, BenchmarkFormat.GuideLlm, inFlight, (prompt + output) / seconds,
            from, BenchmarkFigures.TotalsOverDuration(prompt, output, seconds))
        {
            Prefill = prefill,
        };
    }

    private static (int, string) InFlight(BenchmarkFields f, JsonElement b, JsonElement metrics, string at, string m)
    {
        string strategyPath = BenchmarkFields.Find(b, "config.strategy", out _) ? "config.strategy" : "args.strategy";
        string type = BenchmarkFields.Find(b, strategyPath + ".type_", out JsonElement t) && t.ValueKind == JsonValueKind.String
            ? t.GetString() ?? ""
            : "";
        if (type == "synchronous")
        {
            return (1, "synchronous strategy: one request at a time");
        }
        if (type == "concurrent")
        {
            int streams = f.Concurrency(b, at, strategyPath + ".streams", LittlesLaw.MostInFlight)
                ?? throw f.Error(BenchmarkFields.Join(at, strategyPath + ".streams"), "missing: a concurrent strategy names its streams");
            return (streams, $"concurrent strategy, {streams} streams");
        }
        string field = "request_concurrency.successful.mean";
        double mean = f.NonNegative(metrics, m, field);
        double rounded = Math.Round(mean, MidpointRounding.AwayFromZero);
        string measured = $"{(type.Length == 0 ? "no strategy type" : type + " strategy")}: mean concurrency measured {mean:0.##}";
        if (rounded < 1 || rounded > LittlesLaw.MostInFlight)
        {
            throw f.Error(BenchmarkFields.Join(m, field),
                rounded < 1
                    ? $"{measured}, fewer than one request in flight on average: so light a load says nothing about the curve; leave this benchmark out"
                    : $"{measured}, more than the {LittlesLaw.MostInFlight:N0} a replica may have");
        }
        return ((int)rounded, measured);
    }
}
