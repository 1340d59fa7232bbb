using System.Globalization;

namespace FleetSim.Tests.Invariants;

/// <summary>What a generated scenario is for: each property needs a different slice of the space and a different run-time budget.</summary>
internal enum ScenarioUse
{
    /// <summary><c>fleetsim run</c>: every router mode, fixed fleets; the request engine on small request counts.</summary>
    Run,

    /// <summary><c>fleetsim compare</c>: routers with a minute form, a mix of policies including the oracle unless a traffic class is deferrable.</summary>
    Compare,

    /// <summary>Price monotonicity: routers with a minute form and a fixed fleet.</summary>
    Monotone,

    /// <summary><c>fleetsim sweep</c>: short horizons, few policies.</summary>
    Sweep,

    /// <summary><c>fleetsim tiers</c>: month-long horizons, spend levels the fleets stay small at.</summary>
    Tiers,
}

/// <summary>The API's price sheet as the generator drew it, before any scaling.</summary>
/// <param name="Blended">$/M for every processed token; null for a typed sheet.</param>
/// <param name="Input">Typed: $/M fresh input.</param>
/// <param name="CachedInput">Typed: $/M cached input; null leaves the key out (the loader defaults it to the input price).</param>
/// <param name="Output">Typed: $/M output.</param>
/// <param name="Limits">Extra keys of the api section (rate limits, outages), already YAML, or "".</param>
internal sealed record GeneratedApi(double? Blended, double Input, double? CachedInput, double Output, string Limits)
{
    /// <summary>The api section as one override, every price multiplied by <paramref name="factor"/>.</summary>
    public string Override(double factor)
    {
        string prices = Blended is { } b
            ? $"usd_per_million_tokens: {Num.F(b * factor)}"
            : $"input_usd_per_million_tokens: {Num.F(Input * factor)}, output_usd_per_million_tokens: {Num.F(Output * factor)}" +
              (CachedInput is { } c ? $", cached_input_usd_per_million_tokens: {Num.F(c * factor)}" : "");
        return $"api={{{prices}{Limits}}}";
    }
}

/// <summary>The replica as drawn; its price can be scaled.</summary>
/// <param name="Curve">replica.throughput_curve as YAML, ending at (MaxInFlight, TokensPerSecond), or null for none.</param>
internal sealed record GeneratedReplica(int Gpus, int GpusPerNode, double TokensPerSecond, int MaxInFlight, double UsdPerGpuHour, double? Prefill, string? Curve = null)
{
    public int ReplicasPerNode => GpusPerNode / Gpus;

    public string Override(double priceFactor) =>
        $"replica={{gpus: {Gpus}, gpus_per_node: {GpusPerNode}, processed_tokens_per_second: {Num.F(TokensPerSecond)}, " +
        $"max_in_flight: {MaxInFlight}, usd_per_gpu_hour: {Num.F(UsdPerGpuHour * priceFactor)}" +
        (Prefill is { } p ? $", prefill_tokens_per_second: {Num.F(p)}" : "") +
        (Curve is { } c ? $", throughput_curve: {c}" : "") + "}";
}

/// <summary>
/// One random scenario: the seed's default (<c>Scenarios.Seed</c>) with <c>--set</c>-style overrides.
/// The API and GPU prices are kept apart so that the monotonicity property can scale them.
/// </summary>
internal sealed class GeneratedScenario
{
    /// <summary>The generator seed this scenario was drawn from: <c>new ScenarioGenerator(Seed).Next(Use)</c> draws it again.</summary>
    public required int Seed { get; init; }

    public required ScenarioUse Use { get; init; }

    /// <summary>Every override other than the api and replica sections.</summary>
    public required IReadOnlyList<string> Rest { get; init; }

    public required GeneratedApi Api { get; init; }

    public required GeneratedReplica Replica { get; init; }

    /// <summary>"spill", "fluid", "queue", "cooldown" or "litellm".</summary>
    public required string Router { get; init; }

    public required bool QueueTimeout { get; init; }

    public required double HorizonHours { get; init; }

    /// <summary>fleet.replicas when static; null for the floor.</summary>
    public required int? StaticReplicas { get; init; }

    /// <summary>The policies the compare, sweep and tiers properties run (also written to scaling.policies).</summary>
    public required IReadOnlyList<string> Policies { get; init; }

    /// <summary>Roughly how many requests the horizon carries (what the request engine's run time scales with).</summary>
    public required double EstimatedRequests { get; init; }

    /// <summary>Tiers only: the monthly API spend levels to run.</summary>
    public IReadOnlyList<double> Spends { get; init; } = [];

    /// <summary>
    /// The router has a minute-engine form: spill, fluid, and queue with a patience and simple-shuffle
    /// (not cooldown, litellm, or queue waiting forever, picking least-busy or in front of a measured curve).
    /// </summary>
    public bool HasMinuteForm => Router is "spill" or "fluid" || (Router == "queue" && QueueTimeout && !LeastBusy && QueueForm && Replica.Curve is null);

    /// <summary>The sizes and slots are where the queue's minute form is validated.</summary>
    public required bool QueueForm { get; init; }

    /// <summary>The router picks least-busy.</summary>
    public required bool LeastBusy { get; init; }

    /// <summary>
    /// The router runs on the request engine (every router but fluid); with traffic classes (drawn only where the router has a
    /// minute form), only on slot replicas, where the request engine holds deferrable classes.
    /// </summary>
    public bool HasRequestForm => Router != "fluid" && (!Classes || Replica.Curve is null);

    /// <summary>Run, compare (and plan), sweep and tiers: traffic.classes was drawn (interactive and deferrable classes; the minute engine only).</summary>
    public bool Classes { get; init; }

    /// <summary>The overrides, with API prices × <paramref name="apiFactor"/> and replica.usd_per_gpu_hour × <paramref name="gpuFactor"/>.</summary>
    public string[] Overrides(double apiFactor = 1, double gpuFactor = 1) =>
        [Replica.Override(gpuFactor), Api.Override(apiFactor), .. Rest];

    /// <summary>How to reproduce it: the generator seed, and the call that builds it.</summary>
    public string Describe(double apiFactor = 1, double gpuFactor = 1) =>
        $"generator seed {Seed} ({Use}): Scenarios.Seed({string.Join(", ", Overrides(apiFactor, gpuFactor).Select(o => "\"" + o + "\""))})";

    public override string ToString() => Describe();
}

/// <summary>Number formatting the loader reads back exactly.</summary>
internal static class Num
{
    public static string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary><paramref name="x"/> as it will be printed and read back, so the generator reasons about the same value the loader sees.</summary>
    public static double R(double x) => double.Parse(F(x), CultureInfo.InvariantCulture);
}

/// <summary>
/// Draws random valid scenarios from a seeded <see cref="Random"/>: deterministic, so a failure's
/// generator seed reproduces it. The ranges cover the whole of docs/scenarios.md's keys that a
/// scenario without files can set (no LiteLLM config, no trace), weighted toward short horizons and
/// small fleets so that the suite stays fast; each use shrinks the horizon (or the volume, for the
/// request engine) to its run-time budget rather than redrawing, so the rest of the draw is kept.
/// </summary>
internal sealed class ScenarioGenerator(int seed)
{
    /// <summary>Mean tok/s of a month that carries 1 token: monthly tokens ÷ this.</summary>
    private const double SecondsPerMonth = 730 * 3600.0;

    /// <summary>Most requests the request engine is asked to simulate in one run.</summary>
    public const double MaxRequests = 60_000;

    private readonly Random _r = new(seed);

    /// <summary>Scenario <paramref name="index"/> of a suite whose base seed is <paramref name="baseSeed"/>: its own generator seed.</summary>
    public static int SeedOf(int baseSeed, ScenarioUse use, int index) => unchecked((baseSeed * 7919) + ((int)use * 1_000_003) + index);

    public static GeneratedScenario Draw(int baseSeed, ScenarioUse use, int index)
    {
        int s = SeedOf(baseSeed, use, index);
        return new ScenarioGenerator(s).Next(use, s);
    }

    public GeneratedScenario Next(ScenarioUse use, int scenarioSeed)
    {
        var rest = new List<string>();

        // --- Horizon: mostly short, a few months, one year now and then.
        double u = _r.NextDouble();
        double hours = use switch
        {
            ScenarioUse.Tiers => Chance(0.8) ? 730 : Pick(168.0, 1460.0),
            ScenarioUse.Sweep => Math.Round(LogUniform(1, 168)),
            _ => u < 0.72 ? Math.Round(LogUniform(1, 168))
                : u < 0.92 ? Math.Round(Uniform(169, 730))
                : u < 0.985 ? Math.Round(Uniform(731, 2190))
                : 8760,
        };

        // --- Traffic.
        double monthly = Num.R(LogUniform(1e6, 1e13));
        double meanRate = monthly / SecondsPerMonth;
        double peakFactor;
        string shape;
        if (Chance(0.5))
        {
            var levels = new double[24];
            for (int h = 0; h < 24; h++)
            {
                levels[h] = Chance(0.2) ? 0 : Math.Round(Uniform(0, 10), 2);
            }
            if (use is ScenarioUse.Run or ScenarioUse.Compare && Chance(0.04))
            {
                // A quiet start: the horizon (a window from Monday 00:00) carries no demand at all.
                int quiet = 1 + _r.Next(6);
                Array.Fill(levels, 0, 0, quiet);
                hours = 1 + _r.Next(quiet);
            }
            if (levels.All(l => l == 0))
            {
                levels[23] = 1;
            }
            peakFactor = levels.Max() / levels.Average();
            shape = $"{{hourly: [{string.Join(", ", levels.Select(Num.F))}]}}";
        }
        else
        {
            double trough = Num.R(meanRate * Uniform(0.05, 1));
            double p50 = Num.R(Math.Max(trough, meanRate * Uniform(0.7, 1.3)));
            double p90 = Num.R(p50 * Uniform(1, 2));
            double p99 = Num.R(p90 * Uniform(1, 1.5));
            peakFactor = Math.Max(1, p99 / meanRate) * 1.5;
            shape = $"{{hourly_percentiles: {{trough: {Num.F(trough)}, p50: {Num.F(p50)}, p90: {Num.F(p90)}, p99: {Num.F(p99)}}}" +
                    (Chance(0.7) ? $", peak_hour: {_r.Next(24)}" : "") + "}";
        }
        rest.Add($"traffic.monthly_processed_tokens={Num.F(monthly)}");
        rest.Add($"traffic.daily_shape={shape}");
        if (Chance(0.4))
        {
            double weekday = Num.R(Uniform(0.1, 3)), weekend = Num.R(Uniform(0.1, 3));
            rest.Add($"traffic.weekday_factor={Num.F(weekday)}");
            rest.Add($"traffic.weekend_factor={Num.F(weekend)}");
            peakFactor *= Math.Max(weekday, weekend) / ((5 * weekday + 2 * weekend) / 7);
        }

        double processed = Num.R(LogUniform(500, 200_000));
        double output = Num.R(Math.Max(1, processed * Uniform(0.005, 0.5)));
        var mix = new List<string> { $"processed_tokens: {Num.F(processed)}", $"output_tokens: {Num.F(output)}" };
        if (Chance(0.6))
        {
            mix.Add($"cache_hit_share: {Num.F(Uniform(0, 0.95))}");
        }
        bool exponentialSizes = Chance(0.2);
        double sizeCv = 1.0;
        if (exponentialSizes)
        {
            mix.Add("size_distribution: exponential");
        }
        else if (Chance(0.5))
        {
            string cv = Num.F(Uniform(0, 3));
            sizeCv = double.Parse(cv, System.Globalization.CultureInfo.InvariantCulture);
            mix.Add($"size_cv: {cv}");
        }
        rest.Add($"traffic.request_mix={{{string.Join(", ", mix)}}}");

        bool noisy = Chance(0.3);
        if (noisy)
        {
            var noise = new List<string>();
            if (Chance(0.7))
            {
                noise.Add($"minute_cv: {Num.F(Uniform(0, 0.5))}");
                noise.Add($"minute_correlation: {Num.F(Uniform(0, 0.99))}");
            }
            if (Chance(0.5))
            {
                noise.Add($"daily_cv: {Num.F(Uniform(0, 0.3))}");
            }
            if (Chance(0.3))
            {
                noise.Add($"growth_per_month: {Num.F(Uniform(-0.3, 0.5))}");
            }
            if (Chance(0.3))
            {
                double height = Uniform(0.1, 2);
                noise.Add($"bursts: {{per_day: {Num.F(Uniform(0, 5))}, height: {Num.F(height)}, minutes: {Num.F(Uniform(1, 60))}}}");
                peakFactor *= 1 + height;
            }
            if (noise.Count > 0)
            {
                rest.Add($"traffic.noise={{{string.Join(", ", noise)}}}");
                peakFactor *= 1.5;
            }
        }

        // --- Replica.
        int gpus = Pick(1, 2, 4, 8);
        int perNode = Chance(0.75) ? 8 : gpus;
        double tokS = Num.R(LogUniform(1_000, 100_000));
        int inFlight = (int)Math.Round(LogUniform(1, 256));
        double gpuPrice = Num.R(Uniform(0.5, 12));
        double? prefill = Chance(0.2) ? Num.R(tokS * Uniform(1, 10)) : null;
        var replica = new GeneratedReplica(gpus, perNode, tokS, inFlight, gpuPrice, prefill);
        int replicasPerNode = replica.ReplicasPerNode;

        // --- Router: the uses that run policies need a minute form.
        bool needsMinuteForm = use != ScenarioUse.Run;
        double ur = _r.NextDouble();
        string router;
        bool timeout = false;
        if (needsMinuteForm)
        {
            router = ur < 0.45 ? "spill" : ur < 0.7 ? "fluid" : "queue";
            timeout = router == "queue";
        }
        else
        {
            router = ur < 0.35 ? "spill" : ur < 0.5 ? "fluid" : ur < 0.72 ? "queue" : ur < 0.86 ? "cooldown" : "litellm";
            timeout = router == "queue" && Chance(0.67);
        }
        var routerKeys = new List<string> { $"mode: {router}" };
        if (timeout)
        {
            routerKeys.Add($"patience_seconds: {Num.F(LogUniform(0.5, 600))}");
        }
        if (router == "litellm")
        {
            if (Chance(0.6))
            {
                routerKeys.Add($"timeout_seconds: {Num.F(LogUniform(1, 600))}");
            }
            if (Chance(0.3))
            {
                routerKeys.Add($"streaming: {(Chance(0.5) ? "true" : "false")}");
            }
            if (Chance(0.4))
            {
                routerKeys.Add($"max_parallel_requests: {1 + _r.Next(64)}");
            }
        }
        if (router is "cooldown" or "litellm")
        {
            if (Chance(0.7))
            {
                routerKeys.Add($"cooldown_seconds: {Num.F(Uniform(0, 30))}");
            }
            if (Chance(0.6))
            {
                routerKeys.Add($"retries: {_r.Next(4)}");
            }
        }
        // The queue's minute form is validated for exponential sizes, or lognormal with cv 0.5–2 and at most 64 slots a replica.
        bool queueForm = exponentialSizes || (sizeCv >= 0.5 && sizeCv <= 2 && inFlight <= 64);
        if (needsMinuteForm && router == "queue" && !queueForm)
        {
            routerKeys[0] = "mode: spill";
            routerKeys.RemoveAll(k => k.StartsWith("patience_seconds", StringComparison.Ordinal));
            router = "spill";
            timeout = false;
        }
        // least-busy couples a queue's replicas, which no minute form captures.
        bool leastBusy = router != "fluid" && !(needsMinuteForm && router == "queue") && Chance(0.25);
        if (leastBusy)
        {
            routerKeys.Add("strategy: least-busy");
        }
        // A measured throughput curve (issue 16) where the router can share by load: a lone request
        // from 1× to 4× a full batch's per-request pace (capped at the full rate), concave points between.
        // Behind a queue, a cooling router or LiteLLM (whose timeouts abort calls mid-service) it runs on the request engine only.
        if ((router is "spill" or "fluid" || (router is "queue" or "cooldown" or "litellm" && !needsMinuteForm)) && inFlight > 1 && Chance(0.3))
        {
            double first = Math.Min(tokS, tokS / inFlight * Uniform(1, 4));
            var points = new List<string> { $"[1, {Num.F(first)}]" };
            double previous = first;
            for (int n = 2; n < inFlight; n *= 2)
            {
                // Concave: at most the chord from (1, R(1)) onwards, at least the previous point.
                double chord = first + (tokS - first) * (n - 1) / (inFlight - 1);
                double r = Num.R(Math.Max(previous, chord + (tokS - chord) * Uniform(0, 0.8)));
                points.Add($"[{n}, {Num.F(r)}]");
                previous = r;
            }
            points.Add($"[{inFlight}, {Num.F(tokS)}]");
            replica = replica with { Curve = "[" + string.Join(", ", points) + "]" };
        }
        rest.Add($"router={{{string.Join(", ", routerKeys)}}}");
        bool minuteForm = router is "spill" or "fluid" || (timeout && !leastBusy && queueForm && replica.Curve is null);

        // --- API.
        GeneratedApi api;
        string limits = "";
        if (use == ScenarioUse.Run && router != "fluid")
        {
            if (Chance(0.1))
            {
                limits += $", requests_per_minute: {Num.F(LogUniform(1, 10_000))}";
            }
            if (Chance(0.1))
            {
                limits += $", tokens_per_minute: {Num.F(LogUniform(1e4, 1e10))}";
            }
            if (Chance(0.1))
            {
                limits += $", outages: [{{start_hour: {Num.F(Math.Round(Uniform(0, hours), 1))}, hours: {Num.F(Math.Round(Uniform(0.1, 12), 1))}}}]";
            }
            if (Chance(0.15))
            {
                double p50 = Num.R(LogUniform(0.1, 60));
                limits += $", latency: {{p50_seconds: {Num.F(p50)}, p95_seconds: {Num.F(p50 * Uniform(1, 5))}}}";
            }
            if (Chance(0.15))
            {
                rest.Add($"slo={{ttft_p95_seconds: {Num.F(LogUniform(0.1, 30))}, tpot_p95_ms: {Num.F(LogUniform(5, 200))}, e2e_p95_seconds: {Num.F(LogUniform(1, 600))}}}");
            }
        }
        else if (use == ScenarioUse.Sweep && Chance(0.4))
        {
            // An slo that may lower the max in flight, which a sweep reports per grid point (issue 16).
            rest.Add($"slo={{tpot_p95_ms: {Num.F(LogUniform(0.2, 50))}, ttft_p95_seconds: {Num.F(LogUniform(0.05, 60))}}}");
        }
        if (Chance(0.15))
        {
            // Batch work at the provider's batch-API discount.
            limits += $", batch_discount: {Num.F(Math.Round(Uniform(0.1, 0.9), 2))}";
            rest.Add($"traffic.batch_share={Num.F(Math.Round(Uniform(0, 1), 2))}");
        }
        if (Chance(0.5))
        {
            api = new GeneratedApi(Num.R(LogUniform(0.05, 20)), 0, null, 0, limits);
        }
        else
        {
            double input = Num.R(LogUniform(0.05, 20));
            double outputPrice = Num.R(input * Uniform(1, 8));
            double? cached = Chance(0.6) ? Num.R(input * Uniform(0.05, 1)) : null;
            api = new GeneratedApi(null, input, cached, outputPrice, limits);
        }

        // --- Fleet.
        double meanReplicas = meanRate / tokS;
        int? fixedReplicas = null;
        bool staticFleet = use == ScenarioUse.Monotone ? Chance(0.7) : use != ScenarioUse.Tiers && Chance(0.6);
        if (staticFleet)
        {
            fixedReplicas = (int)Math.Min(5_000, Math.Round(meanReplicas * Uniform(0, 2.5)));
            rest.Add($"fleet.replicas={fixedReplicas}");
        }

        // --- Pricing.
        var pricing = new List<string>();
        int reserved = 0;
        if (Chance(0.5))
        {
            pricing.Add($"billing: {Pick("per-second", "per-minute", "per-hour")}");
        }
        if (Chance(0.4))
        {
            pricing.Add($"minimum_charge_minutes: {Num.F(Math.Round(Uniform(0, 120)))}");
        }
        if (Chance(0.15))
        {
            reserved = 1 + _r.Next(3);
            pricing.Add($"reserved_nodes: {reserved}");
            if (Chance(0.6))
            {
                pricing.Add($"reserved_usd_per_gpu_hour: {Num.F(Num.R(Uniform(0.3, 10)))}");
            }
        }
        bool spot = Chance(0.25);
        double preemptions = 0;
        if (spot)
        {
            preemptions = Chance(0.5) ? 0 : Num.R(Uniform(0, 0.2));
            // How preemptions behave (docs/scaling.md#node-pools): each key drawn now and then, else its default.
            var spotKeys = new List<string> { $"usd_per_gpu_hour: {Num.F(Num.R(Uniform(0.3, 8)))}", $"preemptions_per_node_hour: {Num.F(preemptions)}" };
            if (Chance(0.4))
            {
                spotKeys.Add($"fallback: {Pick("spot", "on_demand", "api")}");
            }
            if (Chance(0.3))
            {
                spotKeys.Add($"correlated_share: {Num.F(Chance(0.2) ? 1 : Num.R(Uniform(0, 1)))}");
            }
            if (Chance(0.4))
            {
                spotKeys.Add($"notice_seconds: {Num.F(Pick(0.0, 30, 120, Math.Round(Uniform(0, 1800))))}");
            }
            bool capped = Chance(0.3);
            if (capped)
            {
                spotKeys.Add($"max_nodes: {_r.Next(6)}");
            }
            pricing.Add($"spot: {{{string.Join(", ", spotKeys)}}}");
            if (Chance(0.4))
            {
                pricing.Add("base_fleet: spot");
            }
            if (Chance(capped ? 0.6 : 0.2))
            {
                pricing.Add($"bursts: [{Pick("spot, on_demand", "spot", "on_demand")}]");
            }
        }
        if (pricing.Count > 0)
        {
            rest.Add($"pricing={{{string.Join(", ", pricing)}}}");
        }

        // --- Scaling: policies, and the knobs they read.
        double peakReplicas = meanReplicas * peakFactor;
        var policies = new List<string>();
        if (use is ScenarioUse.Compare or ScenarioUse.Sweep or ScenarioUse.Tiers)
        {
            string[] all = ["floor", "breakeven", "schedule", "reactive", "predictive"];
            foreach (string p in all)
            {
                if (Chance(use == ScenarioUse.Compare ? 0.55 : 0.35))
                {
                    policies.Add(p);
                }
            }
            if (use != ScenarioUse.Tiers && Chance(0.6))
            {
                policies.Add($"static:{(int)Math.Min(5_000, Math.Round(meanReplicas * Uniform(0, 2.5)))}");
            }
            if (policies.Count == 0)
            {
                policies.Add(Pick("floor", "breakeven", "reactive"));
            }
            if (use != ScenarioUse.Tiers)
            {
                policies.Add("oracle");
            }
        }
        else if (use == ScenarioUse.Monotone)
        {
            policies.Add($"static:{(int)Math.Min(5_000, Math.Round(meanReplicas * Uniform(0, 2.5)))}");
            policies.Add("oracle");
        }
        var scaling = new List<string>();
        if (policies.Count > 0)
        {
            scaling.Add($"policies: [{string.Join(", ", policies)}]");
        }
        if (Chance(0.5))
        {
            scaling.Add($"provisioning_minutes: {Num.F(Math.Round(Uniform(0, 120)))}");
        }
        if (Chance(0.4))
        {
            scaling.Add($"drain_minutes: {Num.F(Math.Round(Uniform(0, 60)))}");
        }
        if (Chance(0.15))
        {
            int cap = reserved + _r.Next((int)Math.Min(1_000, Math.Ceiling(peakReplicas / replicasPerNode)) + 3);
            scaling.Add($"max_nodes: {cap}");
        }
        if (Chance(0.3))
        {
            scaling.Add($"scale_down_unneeded_minutes: {Num.F(Math.Round(Uniform(0, 30)))}");
        }
        if (Chance(0.3))
        {
            scaling.Add($"scale_down_delay_after_add_minutes: {Num.F(Math.Round(Uniform(0, 30)))}");
        }
        if (Chance(0.3))
        {
            scaling.Add($"reactive: {{{Reactive(peakReplicas)}}}");
        }
        if (Chance(0.15))
        {
            int top = (int)Math.Min(2_000, Math.Ceiling(peakReplicas * 1.5)) + 1;
            string Day() => "[" + string.Join(", ", Enumerable.Range(0, 24).Select(_ => _r.Next(top + 1))) + "]";
            scaling.Add(Chance(0.5) ? $"schedule: {{weekday: {Day()}, weekend: {Day()}}}" : $"schedule: {{weekday: {Day()}}}");
        }
        if (Chance(0.3))
        {
            scaling.Add("predictive: {method: holt-winters}");
        }
        if (Chance(0.2))
        {
            scaling.Add($"failures: {{mtbf_hours: {Num.F(Num.R(LogUniform(20, 2_000)))}, mttr_hours: {Num.F(Num.R(Uniform(0.5, 24)))}}}");
        }
        if (scaling.Count > 0)
        {
            rest.Add($"scaling={{{string.Join(", ", scaling)}}}");
        }

        // --- Budgets: shrink the horizon (or the volume for the request engine) to what the use can afford.
        double fleetReplicas = Math.Max(fixedReplicas ?? 0, Math.Max(meanReplicas, reserved * replicasPerNode));
        double workPerMinute = use switch
        {
            // A run: one kernel pass for the router and one for the fluid bill; Erlang B past a table costs about its slots.
            ScenarioUse.Run or ScenarioUse.Monotone => 2 * KernelCost(fleetReplicas * inFlight) +
                (use == ScenarioUse.Monotone ? (peakReplicas / replicasPerNode + 3) * KernelCost(peakReplicas * inFlight) : 0),
            // Policies that size by trying every count: the oracle and breakeven pass over the horizon once per count.
            _ => policies.Count * (peakReplicas + 2 * replicasPerNode + 3) * KernelCost((peakReplicas + 2 * replicasPerNode) * inFlight),
        };
        double budget = use switch
        {
            ScenarioUse.Run => 4e7,
            ScenarioUse.Monotone => 4e7,
            ScenarioUse.Compare => 1.5e8,
            ScenarioUse.Sweep => 2e6,
            _ => 5e7,
        };
        double affordable = budget / Math.Max(1, workPerMinute) / 60;
        if (hours > affordable && use != ScenarioUse.Tiers)
        {
            hours = Math.Max(1, Math.Floor(affordable));
        }
        rest.Insert(0, $"horizon_hours={Num.F(hours)}");

        double requests = monthly * Math.Max(hours, 1) / 730 / processed;
        if (use == ScenarioUse.Run && !minuteForm && requests > MaxRequests)
        {
            // No minute form: the request engine is the only one, so keep its request count small.
            double scale = MaxRequests / requests * Uniform(0.05, 1);
            monthly = Num.R(monthly * scale);
            int at = rest.FindIndex(o => o.StartsWith("traffic.monthly_processed_tokens=", StringComparison.Ordinal));
            rest[at] = $"traffic.monthly_processed_tokens={Num.F(monthly)}";
            requests = monthly * hours / 730 / processed;
            if (shape.Contains("percentiles", StringComparison.Ordinal))
            {
                // Percentiles are tok/s: scale them with the volume so they keep agreeing with it.
                int s = rest.FindIndex(o => o.StartsWith("traffic.daily_shape=", StringComparison.Ordinal));
                rest[s] = "traffic.daily_shape={hourly_percentiles: {trough: 1, p50: 2, p90: 3, p99: 4}}";
            }
            if (fixedReplicas is not null)
            {
                fixedReplicas = (int)Math.Round(monthly / SecondsPerMonth / tokS * Uniform(0, 2.5));
                int f = rest.FindIndex(o => o.StartsWith("fleet.replicas=", StringComparison.Ordinal));
                rest[f] = $"fleet.replicas={fixedReplicas}";
            }
        }
        if (Chance(0.5))
        {
            rest.Add($"seed={_r.Next(1_000_000)}");
        }
        if (Chance(0.12))
        {
            // Values at the edges of what the loader takes, applied last (they refine the sections above);
            // the last three are combinations it refuses, so the rejected path is exercised too.
            string[] edges =
            [
                "replica.max_in_flight=1", "fleet.replicas=0", "scaling.provisioning_minutes=0", "scaling.drain_minutes=0",
                "pricing.minimum_charge_minutes=0", "pricing.billing=per-hour", "traffic.request_mix.cache_hit_share=0",
                "traffic.weekend_factor=0.001", "scaling.max_nodes=0", "scaling.reactive.target_utilization=4",
                "scaling.reactive.tolerance=0.99", "traffic.noise.growth_per_month=-0.99", "scaling.reactive.min_replicas=0",
                "scaling.scale_down_unneeded_minutes=0", "scaling.scale_down_delay_after_add_minutes=0",
                "router.patience_seconds=10", "pricing.base_fleet=spot", $"traffic.request_mix.output_tokens={Num.F(processed)}",
            ];
            int count = 1 + _r.Next(2);
            for (int k = 0; k < count; k++)
            {
                string edge = Pick(edges);
                if (edge == "fleet.replicas=0")
                {
                    fixedReplicas = 0;
                }
                rest.Add(edge);
            }
        }

        IReadOnlyList<double> spends = [];
        if (use == ScenarioUse.Tiers)
        {
            // Spend levels at which the fleet is from a fraction of a replica to a few dozen.
            double apiPerMillion = ApproxApiPerMillion(api, processed, output);
            double spendPerReplica = tokS * SecondsPerMonth / 1e6 * apiPerMillion;
            spends = [.. Enumerable.Range(0, 2).Select(_ => Num.R(spendPerReplica * LogUniform(0.3, 24)))];
            if (Chance(0.4))
            {
                rest.Add($"tiers={{team: {{salary_low: {Num.F(Math.Round(Uniform(0, 300_000)))}, salary_high: {Num.F(Math.Round(Uniform(300_000, 600_000)))}, " +
                         $"has_gpu_expertise: {(Chance(0.5) ? "true" : "false")}}}, aggressive: {{throughput_factor: {Num.F(Uniform(1, 2))}, in_flight_factor: {Num.F(Uniform(1, 2))}}}}}");
            }
        }

        bool classes = false, deferrable = false;
        if (use is ScenarioUse.Run or ScenarioUse.Compare or ScenarioUse.Sweep or ScenarioUse.Tiers && minuteForm &&
            !rest.Any(o => o.StartsWith("traffic.batch_share=", StringComparison.Ordinal)) && Chance(0.3))
        {
            // 1 to 4 classes, some deferrable with deadlines from a minute to a week; shares that sum to 1 within 1e-9.
            classes = true;
            int count = 1 + _r.Next(4);
            double[] weights = [.. Enumerable.Range(0, count).Select(_ => Uniform(0.05, 1))];
            double sum = weights.Sum();
            var list = new List<string>();
            double given = 0;
            for (int k = 0; k < count; k++)
            {
                double share = k == count - 1 ? 1 - given : Num.R(weights[k] / sum);
                given += share;
                string deadline = Chance(0.6) ? $", deadline_hours: {Num.F(Chance(0.2) ? Uniform(1.0 / 60, 1) : LogUniform(1, 168))}" : "";
                deferrable |= deadline.Length > 0;
                string discount = deadline.Length > 0 && Chance(0.5) ? $", api_batch_discount: {Num.F(Math.Round(Uniform(0, 0.9), 2))}" : "";
                list.Add($"{{name: c{k}, share: {share.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}{deadline}{discount}}}");
            }
            rest.Add($"traffic.classes=[{string.Join(", ", list)}]");
        }

        return new GeneratedScenario
        {
            Seed = scenarioSeed,
            Use = use,
            Rest = rest,
            Api = api,
            Replica = replica,
            Router = router,
            QueueTimeout = timeout,
            LeastBusy = leastBusy,
            Classes = classes,
            QueueForm = queueForm,
            HorizonHours = hours,
            StaticReplicas = fixedReplicas,
            // With a deferrable class the oracle is no bound and is refused: the policies run without it.
            Policies = deferrable ? [.. policies.Where(p => p != "oracle").DefaultIfEmpty("breakeven")] : policies,
            EstimatedRequests = requests,
            Spends = spends,
        };
    }

    /// <summary>A minute-kernel pass's cost per minute in rough work units: a table look-up up to 4,096 slots, else about the slots.</summary>
    private static double KernelCost(double slots) => slots <= 4_096 ? 30 : 30 + slots;

    /// <summary>The API's $/M for the mix, as the tariff computes it (close enough for choosing spend levels).</summary>
    private static double ApproxApiPerMillion(GeneratedApi api, double processed, double output)
    {
        if (api.Blended is { } b)
        {
            return b;
        }
        double outShare = output / processed;
        return (1 - outShare) * api.Input + outShare * api.Output;
    }

    /// <summary>
    /// A scaling.reactive section's keys: the metric, target, bounds (scale to zero among them), HPA v2
    /// behavior in either direction, the sync and metric window, KEDA's timing, and now and then the
    /// older minute keys in place of the fields they stand for.
    /// </summary>
    private string Reactive(double peakReplicas)
    {
        int min = _r.Next(3);
        int max = min + 1 + _r.Next((int)Math.Min(10_000, Math.Ceiling(peakReplicas * 2)) + 1);
        var keys = new List<string>
        {
            $"metric: {Pick("busy_share", "offered_load")}",
            $"target_utilization: {Num.F(Uniform(0.3, 1.5))}",
            $"min_replicas: {min}",
            $"max_replicas: {max}",
        };
        if (Chance(0.5))
        {
            keys.Add($"tolerance: {Num.F(Uniform(0, 0.3))}");
        }
        bool older = Chance(0.2);
        if (older)
        {
            keys.Add($"scale_up_window_minutes: {_r.Next(10)}");
            keys.Add($"scale_down_window_minutes: {_r.Next(30)}");
            keys.Add($"interval_minutes: {1 + _r.Next(10)}");
        }
        else
        {
            if (Chance(0.5))
            {
                keys.Add($"sync_period_seconds: {Pick(15, 15, 30, 60, 7, 300)}");
            }
            foreach (string direction in new[] { "scale_up", "scale_down" })
            {
                if (Chance(0.5))
                {
                    keys.Add($"{direction}: {{{Rules()}}}");
                }
            }
        }
        if (Chance(0.3))
        {
            keys.Add($"metric_window_seconds: {60 * (1 + _r.Next(5))}");
        }
        if (min == 0 || Chance(0.2))
        {
            keys.Add($"cooldown_period_seconds: {Pick(0, 30, 300, 900)}");
            keys.Add($"polling_interval_seconds: {Pick(15, 30, 45, 120)}");
        }
        return string.Join(", ", keys);
    }

    /// <summary>One direction of HPA v2 behavior, each field present or left to its default.</summary>
    private string Rules()
    {
        var keys = new List<string>();
        if (Chance(0.6))
        {
            keys.Add($"stabilization_window_seconds: {Pick(0, 15, 60, 300, 900, 3600)}");
        }
        if (Chance(0.4))
        {
            keys.Add($"select_policy: {Pick("Max", "Min", "Disabled")}");
        }
        if (Chance(0.6))
        {
            IEnumerable<string> policies = Enumerable.Range(0, 1 + _r.Next(3)).Select(_ => Chance(0.5)
                ? $"{{type: Pods, value: {1 + _r.Next(20)}, period_seconds: {Pick(15, 60, 300, 1800)}}}"
                : $"{{type: Percent, value: {Pick(10, 50, 100, 200, 900)}, period_seconds: {Pick(15, 60, 300, 1800)}}}");
            keys.Add($"policies: [{string.Join(", ", policies)}]");
        }
        if (Chance(0.3))
        {
            keys.Add($"tolerance: {Num.F(Uniform(0, 0.5))}");
        }
        return string.Join(", ", keys);
    }

    private bool Chance(double p) => _r.NextDouble() < p;

    private double Uniform(double lo, double hi) => lo + (_r.NextDouble() * (hi - lo));

    private double LogUniform(double lo, double hi) => Math.Exp(Math.Log(lo) + (_r.NextDouble() * (Math.Log(hi) - Math.Log(lo))));

    private T Pick<T>(params T[] options) => options[_r.Next(options.Length)];
}
