using FleetSim.Units;
using YamlDotNet.RepresentationModel;

namespace FleetSim.Scenario;

/// <summary>
/// Turns a scenario's YAML tree into an immutable <see cref="ScenarioSpec"/>, checking every key,
/// type and range on the way. The first problem found is thrown as a <see cref="ScenarioException"/>.
/// </summary>
internal sealed partial class ScenarioReader(YamlSource source, string defaultName)
{
    private readonly List<string> _warnings = [];

    public ScenarioSpec Read(YamlMappingNode root)
    {
        var top = new MappingReader(source, root, "").Allow("name", "horizon_hours", "seed", "traffic", "replica", "fleet", "router", "api", "scaling", "pricing", "tiers", "slo", "plan", "outlook");
        string name = top.Text("name") ?? defaultName;
        double hours = top.Integer("horizon_hours", NumberRule.AtLeastOne.AtMost(87_600), 730);
        int seed = top.Integer("seed", NumberRule.NonNegative.AtMost(int.MaxValue), 1);
        TrafficSpec traffic = ReadTraffic(top.RequiredMapping("traffic"));
        ReplicaSpec replica = ReadReplica(top.RequiredMapping("replica"));
        MappingReader? fleetSection = top.Mapping("fleet");
        FleetSpec fleet = fleetSection is { } f ? ReadFleet(f) : new FloorFleet();
        var (router, litellm) = top.Mapping("router") is { } r ? ReadRouter(r) : (new RouterSpec(RouterMode.Spill), null);
        ApiSpec api = ReadApi(top.RequiredMapping("api"));
        ScalingSpec scaling = top.Mapping("scaling") is { } sc ? ReadScaling(sc) : ScalingSpec.Default;
        PricingSpec pricing = top.Mapping("pricing") is { } pr ? ReadPricing(pr) : PricingSpec.Default;
        TiersSpec tiers = top.Mapping("tiers") is { } ti ? ReadTiers(ti) : TiersSpec.Default;
        PlanSpec plan = top.Mapping("plan") is { } pl ? ReadPlan(pl) : PlanSpec.Default;
        OutlookSpec outlook = top.Mapping("outlook") is { } ol ? ReadOutlook(ol) : OutlookSpec.None;
        if (outlook.Runs && traffic.MonthlyProcessedTokens * Math.Pow(1 + outlook.TrafficGrowthPerMonth, outlook.Months - 1) > InputLimits.MaxMonthlyTokens)
        {
            MappingReader o = top.RequiredMapping("outlook");
            throw o.Error(o.Find("traffic_growth_per_month") ?? o.Required("months"), "traffic_growth_per_month",
                $"compounds the traffic to {traffic.MonthlyProcessedTokens * Math.Pow(1 + outlook.TrafficGrowthPerMonth, outlook.Months - 1):G3} tokens a month by month {outlook.Months}, " +
                $"past the {InputLimits.MaxMonthlyTokens:G3} a month FleetSim takes; shorten outlook.months or lower the growth");
        }
        if (litellm is not null)
        {
            (replica, fleet, api) = ApplyLiteLlm(litellm, replica, fleetSection, api);
        }
        CheckPriorities(traffic.Classes, router, replica);
        SloSpec? slo = top.Mapping("slo") is { } sl ? ReadSlo(sl) : null;
        SloInFlight? sloInFlight = slo is null ? null : SloInFlight.Of(replica, traffic.RequestMix, slo, RouterModes.ServesOnArrival(router.Mode));
        if (sloInFlight is not null)
        {
            if (!RouterModes.ServesOnArrival(router.Mode) && (slo!.TimeToFirstTokenP95Seconds is not null || slo.EndToEndP95Seconds is not null))
            {
                _warnings.Add($"slo: under router.mode {RouterModes.Name(router.Mode)} a request may wait before it starts, which a lower max in flight only lengthens: " +
                              "ttft_p95_seconds and e2e_p95_seconds set no max in flight here, and fleetsim run --engine request measures them");
            }
            bool lower = slo!.CapInFlight && sloInFlight.Lowers;
            if (sloInFlight.Note(applied: lower) is { } note)
            {
                _warnings.Add(note);
            }
            if (lower)
            {
                replica = replica.Capped(sloInFlight.InFlight!.Value);
            }
        }
        CheckFleetSize(top, traffic, replica, hours, sloInFlight is { Lowers: true } && slo!.CapInFlight ? $" (max_in_flight lowered to {replica.MaxInFlight} by slo)" : "");
        if (scaling.MaxNodes is { } cap && cap < pricing.ReservedNodes)
        {
            throw top.Error(top.Required("scaling"), "scaling.max_nodes",
                $"is {cap}, fewer than pricing.reserved_nodes ({pricing.ReservedNodes}): the reserved nodes count against the cap");
        }
        if (litellm is not null && fleet is StaticFleet listed && pricing.ReservedNodes * replica.ReplicasPerNode > listed.Replicas)
        {
            throw top.Error(top.Required("pricing"), "pricing.reserved_nodes",
                $"is {pricing.ReservedNodes}, more nodes than the {listed.Replicas} LiteLLM deployments of router.litellm_config fill; " +
                "the router only sends requests to the deployments it lists, so the extra reserved nodes would be paid for and never used");
        }
        if ((traffic.BatchShare > 0) != (api.Price.BatchDiscount > 0) && !(traffic.Classes is { } cl && cl.Classes.Any(c => c.Deferrable)))
        {
            _warnings.Add(traffic.BatchShare > 0
                ? "traffic.batch_share changes nothing without api.batch_discount (the provider's batch-API discount, e.g. 0.5)"
                : "api.batch_discount changes nothing without traffic.batch_share or a deferrable class in traffic.classes (tokens that can wait for the batch API)");
        }
        if (api.Price is { IsTyped: true } typed && typed.CachedInputUsdPerMillion > typed.InputUsdPerMillion)
        {
            _warnings.Add($"api: cached_input_usd_per_million_tokens ({typed.CachedInputUsdPerMillion:G}) is above input_usd_per_million_tokens ({typed.InputUsdPerMillion:G}); providers discount cached input");
        }
        if (router.Weights is { } w && fleet is StaticFleet s && w.Count != s.Replicas)
        {
            throw top.Error(top.Required("router"), "router", $"has {w.Count} weights for {s.Replicas} replicas");
        }
        return new ScenarioSpec(name, new Hours(hours), traffic, replica, fleet, router, api, _warnings)
        {
            Seed = seed,
            Scaling = scaling,
            Pricing = pricing,
            Tiers = tiers,
            Plan = plan,
            Outlook = outlook,
            Slo = slo,
            SloInFlight = sloInFlight,
        };
    }

    /// <summary>A LiteLLM config says how many replicas there are, how many calls each lets through and the API's limits.</summary>
    private (ReplicaSpec, FleetSpec, ApiSpec) ApplyLiteLlm(LiteLlmImport config, ReplicaSpec replica, MappingReader? fleetSection, ApiSpec api)
    {
        if (fleetSection is not null)
        {
            throw fleetSection.ErrorHere($"the replica count comes from router.litellm_config ({config.Replicas} deployments of model group '{config.Group}' at its lowest order); remove the fleet section");
        }
        _warnings.AddRange(config.Warnings);
        foreach (int cap in (config.Settings.Semaphores ?? []).OfType<int>().Distinct())
        {
            if (cap < replica.MaxInFlight)
            {
                _warnings.Add($"router.litellm_config: LiteLLM lets at most {cap} calls reach a replica at once (its semaphore), fewer than replica.max_in_flight {replica.MaxInFlight}: such a replica runs at most {cap}/{replica.MaxInFlight} of its rated throughput");
            }
            else if (cap > replica.MaxInFlight)
            {
                _warnings.Add($"router.litellm_config: LiteLLM lets {cap} calls reach a replica that runs {replica.MaxInFlight} at once: the rest queue inside the replica, and that wait counts against the call timeout");
            }
        }
        api = api with
        {
            RequestsPerMinute = api.RequestsPerMinute ?? config.ApiRequestsPerMinute,
            TokensPerMinute = api.TokensPerMinute ?? config.ApiTokensPerMinute,
        };
        return (replica, new StaticFleet(config.Replicas), api);
    }

    private static readonly string[] TrafficKeys =
        ["monthly_processed_tokens", "daily_shape", "weekday_factor", "weekend_factor", "request_mix", "noise", "batch_share", "classes", "trace"];

    private TrafficSpec ReadTraffic(MappingReader t)
    {
        t.Allow([.. TrafficKeys, .. TraceOnlyKeys]);
        double batchShare = t.Number("batch_share", NumberRule.Between(0, 1), 0);
        TrafficClasses? classes = ReadClasses(t);
        if (classes is not null && t.Find("batch_share") is { } batch)
        {
            throw t.Error(batch, "batch_share",
                "give traffic.classes or traffic.batch_share, not both: batch_share prices a share of the API's tokens at the batch discount " +
                "while the fleet serves them alike; a class with deadline_hours holds its tokens for the fleet's spare capacity first " +
                "(for the same share at the batch price without waiting, give that class deadline_hours and api_batch_discount)");
        }
        if (t.Text("trace") is { } trace)
        {
            return ReadTraceTraffic(t, trace) with { BatchShare = batchShare, Classes = classes };
        }
        foreach (string traceOnly in TraceOnlyKeys)
        {
            if (t.Find(traceOnly) is { } node)
            {
                throw t.Error(node, traceOnly, "goes with traffic.trace");
            }
        }
        double monthly = t.Number("monthly_processed_tokens", NumberRule.Positive.AtMost(InputLimits.MaxMonthlyTokens));
        DailyShapeSpec shape = ReadDailyShape(t.RequiredMapping("daily_shape"));
        double weekday = t.Number("weekday_factor", NumberRule.Positive.AtMost(1000), 1.0);
        double weekend = t.Number("weekend_factor", NumberRule.Positive.AtMost(1000), 1.0);
        RequestMix mix = ReadRequestMix(t.RequiredMapping("request_mix"));
        NoiseSpec noise = t.Mapping("noise") is { } n ? ReadNoise(n) : NoiseSpec.None;
        return new TrafficSpec(monthly, shape, weekday, weekend, mix) { Noise = noise, BatchShare = batchShare, Classes = classes };
    }

    private DailyShapeSpec ReadDailyShape(MappingReader d)
    {
        d.Allow("hourly", "hourly_percentiles", "peak_hour");
        YamlNode? hourly = d.Find("hourly");
        MappingReader? fit = d.Mapping("hourly_percentiles");
        YamlNode? peakNode = d.Find("peak_hour");
        if ((hourly is null) == (fit is null))
        {
            throw d.ErrorHere("give exactly one of 'hourly' (24 levels) or 'hourly_percentiles' (trough, p50, p90, p99 in tok/s)");
        }
        if (hourly is not null)
        {
            if (peakNode is not null)
            {
                throw d.Error(peakNode, "peak_hour", "goes with 'hourly_percentiles'; with 'hourly' the levels already say when the peak is");
            }
            return ReadHourlyLevels(d, hourly);
        }

        int peak = d.Integer("peak_hour", NumberRule.Between(0, 23), 15);
        string[] names = ["trough", "p50", "p90", "p99"];
        fit!.Allow(names);
        double[] levels = [.. names.Select(n => fit.Number(n, NumberRule.Between(0.001, 1e15)))];
        for (int i = 1; i < levels.Length; i++)
        {
            if (levels[i] < levels[i - 1])
            {
                throw fit.Error(fit.Required(names[i]), names[i],
                    $"must be at least {names[i - 1]} ({levels[i - 1]:G}): trough ≤ p50 ≤ p90 ≤ p99 (got {levels[i]:G})");
            }
        }
        return new PercentileShape(levels[0], levels[1], levels[2], levels[3], peak);
    }

    private static HourlyShape ReadHourlyLevels(MappingReader d, YamlNode node)
    {
        string path = d.PathOf("hourly");
        if (node is not YamlSequenceNode seq)
        {
            throw d.Error(node, "hourly", $"expected a list of 24 hourly levels, found {MappingReader.Describe(node)}");
        }
        if (seq.Children.Count != 24)
        {
            throw d.Error(node, "hourly", $"expected 24 hourly levels (hour 0 to 23), found {seq.Children.Count}");
        }
        var levels = new double[24];
        for (int h = 0; h < 24; h++)
        {
            levels[h] = d.ReadNumber(seq.Children[h], $"{path}[{h}]", NumberRule.NonNegative.AtMost(1e15));
        }
        if (levels.All(l => l == 0))
        {
            throw d.Error(node, "hourly", "all 24 levels are zero: there is no traffic to shape");
        }
        return new HourlyShape(levels);
    }

    /// <summary>
    /// Refuses traffic whose mean rate takes more than <see cref="InputLimits.MaxReplicas"/> replicas, at the start or,
    /// with traffic.noise.growth_per_month compounding, at the horizon's end: every fleet FleetSim sizes from it (the floor
    /// under the trough, autoscalers and the oracle up to the peak) would be past what a fleet may have, and its replica,
    /// slot and node counts past an int.
    /// </summary>
    private static void CheckFleetSize(MappingReader top, TrafficSpec traffic, ReplicaSpec replica, double hours, string lowered)
    {
        double meanRate = traffic.MonthlyProcessedTokens / (730 * 3600.0);
        double perReplica = replica.Throughput.Value;
        string what = $"traffic of {traffic.MonthlyProcessedTokens:G3} processed tokens a month ({meanRate:G3} tok/s on average) at " +
                      $"{perReplica:G3} tok/s a replica{lowered}";
        if (InputLimits.CheckReplicas(meanRate / perReplica, what) is { } why)
        {
            MappingReader? section = top.Mapping("replica");
            throw section?.Find("processed_tokens_per_second") is { } node
                ? section.Error(node, "processed_tokens_per_second", why)
                : top.Error(top.Required("replica"), "replica.processed_tokens_per_second", why);
        }
        double growth = Math.Pow(1 + traffic.Noise.GrowthPerMonth, hours / 730);
        string grown = $"growth of {traffic.Noise.GrowthPerMonth:G3} a month, compounding to ×{growth:G3} over {hours:G} h, takes {meanRate:G3} tok/s " +
                       $"to {meanRate * growth:G3} tok/s; at {perReplica:G3} tok/s a replica{lowered} it";
        if (InputLimits.CheckReplicas(meanRate * growth / perReplica, grown) is { } grows)
        {
            MappingReader? noise = top.Mapping("traffic")?.Mapping("noise");
            throw noise?.Find("growth_per_month") is { } node
                ? noise.Error(node, "growth_per_month", grows)
                : top.Error(top.Required("traffic"), "traffic.noise.growth_per_month", grows);
        }
    }

    private static RequestMix ReadRequestMix(MappingReader m)
    {
        m.Allow("processed_tokens", "output_tokens", "cache_hit_share", "size_distribution", "size_cv");
        double processed = m.Number("processed_tokens", NumberRule.Positive.AtMost(1e9));
        double output = m.Number("output_tokens", NumberRule.Positive.AtMost(1e9));
        double cacheHit = m.Number("cache_hit_share", NumberRule.ShareBelowOne, 0.0);
        if (output >= processed)
        {
            throw m.Error(m.Required("output_tokens"), "output_tokens",
                $"must be less than processed_tokens ({processed:G}), which counts input and output together (got {output:G})");
        }
        string distribution = m.Text("size_distribution") ?? "lognormal";
        SizeDistribution sizes = distribution switch
        {
            "lognormal" => SizeDistribution.LogNormal,
            "exponential" => SizeDistribution.Exponential,
            _ => throw m.Error(m.Required("size_distribution"), "size_distribution", $"expected 'lognormal' or 'exponential', found '{distribution}'"),
        };
        double cv = m.Number("size_cv", NumberRule.NonNegative.AtMost(10), 1.0);
        if (sizes == SizeDistribution.Exponential && m.Find("size_cv") is { } cvNode)
        {
            throw m.Error(cvNode, "size_cv", "goes with size_distribution: lognormal; an exponential's coefficient of variation is always 1");
        }
        return new RequestMix(processed, output, cacheHit, cv, sizes);
    }

    private static ReplicaSpec ReadReplica(MappingReader r)
    {
        r.Allow("gpus", "gpus_per_node", "processed_tokens_per_second", "max_in_flight", "usd_per_gpu_hour", "prefill_tokens_per_second", "throughput_curve");
        int gpus = r.Integer("gpus", NumberRule.AtLeastOne.AtMost(1024));
        int perNode = r.Integer("gpus_per_node", NumberRule.AtLeastOne.AtMost(1024), 8);
        (int inFlight, TokensPerSecond tokS, ThroughputCurve? curve, TokensPerSecond? prefill) = ReplicaThroughputReader.Read(r, curveEndsAtMax: false);
        double price = r.Number("usd_per_gpu_hour", NumberRule.GpuHourPrice);
        if (gpus > perNode)
        {
            throw r.Error(r.Required("gpus"), "gpus",
                $"a replica of {gpus} GPUs does not fit on a node of {perNode} (multi-node replicas are not modelled)");
        }
        return new ReplicaSpec(gpus, perNode, tokS, inFlight, new UsdPerGpuHour(price)) { PrefillOverride = prefill, MeasuredCurve = curve };
    }

    private static FleetSpec ReadFleet(MappingReader f)
    {
        YamlNode? node = f.Allow("replicas").Find("replicas");
        if (node is null || node is YamlScalarNode { Value: "floor" })
        {
            return new FloorFleet();
        }
        if (node is YamlScalarNode s && YamlNumbers.TryParse(s.Value ?? "", out _))
        {
            return new StaticFleet(f.ReadInteger(node, f.PathOf("replicas"), NumberRule.NonNegative.AtMost(InputLimits.MaxReplicas)));
        }
        throw f.Error(node, "replicas", $"expected a whole number of replicas or 'floor', found {MappingReader.Describe(node)}");
    }

    private (RouterSpec, LiteLlmImport?) ReadRouter(MappingReader r)
    {
        r.Allow("mode", "patience_seconds", "timeout_seconds", "stream_timeout_seconds", "streaming", "cooldown_seconds", "retries",
                "strategy", "max_parallel_requests", "litellm_config", "model_group", "allow_unmodelled");
        string? group = r.Text("model_group");
        LiteLlmImport? config = r.Text("litellm_config") is { } file ? LiteLlmConfig.Load(ExistingFile(r, "litellm_config", file), group) : null;
        if (config is null && r.Find("model_group") is { } stray)
        {
            throw r.Error(stray, "model_group", "names a model group of router.litellm_config, and there is none");
        }
        string? mode = r.Text("mode");
        RouterMode parsed = mode is null
            ? config is null ? RouterMode.Spill : RouterMode.LiteLlm
            : RouterModes.Parse(mode) ?? throw r.Error(r.Required("mode"), "mode", RouterModes.Unknown(mode));
        if (parsed == RouterMode.Queue && r.Find("timeout_seconds") is { } misplaced)
        {
            throw r.Error(misplaced, "timeout_seconds",
                "in queue mode the wait for a slot is bounded by patience_seconds; timeout_seconds is LiteLLM's call timeout (mode: litellm)");
        }
        OnlyWith(r, "patience_seconds", parsed, RouterMode.Queue);
        OnlyWith(r, "timeout_seconds", parsed, RouterMode.LiteLlm);
        OnlyWith(r, "stream_timeout_seconds", parsed, RouterMode.LiteLlm);
        OnlyWith(r, "streaming", parsed, RouterMode.LiteLlm);
        OnlyWith(r, "max_parallel_requests", parsed, RouterMode.LiteLlm);
        OnlyWith(r, "cooldown_seconds", parsed, RouterMode.Cooldown, RouterMode.LiteLlm);
        OnlyWith(r, "retries", parsed, RouterMode.Cooldown, RouterMode.LiteLlm);
        bool allowUnmodelled = r.Flag("allow_unmodelled", false);
        if (config is not null)
        {
            string configFile = r.Text("litellm_config")!;
            if (config.Unmodelled.Count > 0 && !allowUnmodelled)
            {
                throw r.Error(r.Required("litellm_config"), "litellm_config",
                    $"{configFile} sets {string.Join(", ", config.Unmodelled)}, which would change where requests go or what they cost " +
                    "but FleetSim does not model; remove them, or allow them to be ignored with --allow-unmodelled (router.allow_unmodelled: true)");
            }
            if (config.Unmodelled.Count > 0)
            {
                _warnings.Add($"router.litellm_config: ignored although they would change the answer (--allow-unmodelled): {string.Join(", ", config.Unmodelled)}");
            }
            if (config.Inert.Count > 0)
            {
                _warnings.Add($"router.litellm_config: no effect on the route or the bill: {string.Join(", ", config.Inert)}");
            }
        }
        string? strategy = r.Text("strategy");
        ReplicaChoice choice = strategy is null
            ? config?.Choice ?? ReplicaChoice.SimpleShuffle
            : ReplicaChoices.Parse(strategy) ?? throw r.Error(r.Required("strategy"), "strategy", ReplicaChoices.Unknown(strategy));
        LiteLlmSettings litellm = config?.Settings ?? new LiteLlmSettings();
        if (parsed == RouterMode.LiteLlm)
        {
            litellm = litellm with
            {
                TimeoutSeconds = r.Number("timeout_seconds", NumberRule.Positive.AtMost(86_400), litellm.TimeoutSeconds),
                StreamTimeoutSeconds = r.Find("stream_timeout_seconds") is null ? litellm.StreamTimeoutSeconds
                    : r.Number("stream_timeout_seconds", NumberRule.Positive.AtMost(86_400)),
                Streaming = r.Flag("streaming", litellm.Streaming),
                Semaphores = r.Find("max_parallel_requests") is null ? litellm.Semaphores
                    : [r.Integer("max_parallel_requests", NumberRule.AtLeastOne.AtMost(1_000_000))],
                ApiRoute = config is null ? ApiRoute.HigherOrder : litellm.ApiRoute,
            };
        }
        var spec = new RouterSpec(parsed)
        {
            PatienceSeconds = r.Find("patience_seconds") is null ? null : r.Number("patience_seconds", NumberRule.NonNegative.AtMost(86_400)),
            CooldownSeconds = r.Number("cooldown_seconds", NumberRule.NonNegative.AtMost(86_400), config?.CooldownSeconds ?? 5),
            Retries = r.Integer("retries", NumberRule.NonNegative.AtMost(100), config?.Retries ?? LiteLlmSettings.DefaultRetries),
            Choice = choice,
            Weights = config?.Weights,
            LiteLlm = litellm,
            LiteLlmConfig = config is null ? null : r.Text("litellm_config"),
        };
        return (spec, config);
    }

    private static void OnlyWith(MappingReader r, string key, RouterMode mode, params RouterMode[] owners)
    {
        if (!owners.Contains(mode) && r.Find(key) is { } node)
        {
            throw r.Error(node, key, $"goes with mode: {string.Join(" or ", owners.Select(RouterModes.Name))}, not {RouterModes.Name(mode)}");
        }
    }

    /// <summary>
    /// The file named by <paramref name="key"/> of <paramref name="m"/>, found relative to the scenario's own
    /// folder; a scenario error at that key's line when there is no such file.
    /// </summary>
    private string ExistingFile(MappingReader m, string key, string file)
    {
        string path = Resolve(file);
        if (Directory.Exists(path))
        {
            throw m.Error(m.Required(key), key, $"'{path}' is a folder, not a file");
        }
        return File.Exists(path) ? path : throw m.Error(m.Required(key), key, $"no such file: '{path}'");
    }

    /// <summary>A file named in the scenario is found relative to the scenario's own folder.</summary>
    private string Resolve(string file)
    {
        if (Path.IsPathRooted(file) || !File.Exists(source.FileName))
        {
            return file;
        }
        // Keep the path as the user gave the scenario's: relative stays relative, absolute stays absolute.
        return Path.Combine(Path.GetDirectoryName(source.FileName) ?? "", file);
    }

    private static ApiSpec ReadApi(MappingReader a)
    {
        a.Allow("usd_per_million_tokens", "input_usd_per_million_tokens", "cached_input_usd_per_million_tokens", "output_usd_per_million_tokens",
                "batch_discount", "requests_per_minute", "tokens_per_minute", "outages", "latency");
        ApiPriceSpec price = ReadApiPrice(a) with { BatchDiscount = a.Number("batch_discount", NumberRule.ShareBelowOne, 0) };
        double? rpm = a.Find("requests_per_minute") is null ? null : a.Number("requests_per_minute", NumberRule.Positive.AtMost(1e12));
        double? tpm = a.Find("tokens_per_minute") is null ? null : a.Number("tokens_per_minute", NumberRule.Positive.AtMost(1e15));
        var outages = new List<Outage>();
        if (a.Find("outages") is { } node)
        {
            if (node is not YamlSequenceNode list)
            {
                throw a.Error(node, "outages", $"expected a list of {{start_hour, hours}} windows, found {MappingReader.Describe(node)}");
            }
            for (int i = 0; i < list.Children.Count; i++)
            {
                MappingReader o = a.AsMapping(list.Children[i], $"{a.PathOf("outages")}[{i}]").Allow("start_hour", "hours");
                outages.Add(new Outage(o.Number("start_hour", NumberRule.NonNegative.AtMost(87_600)), o.Number("hours", NumberRule.Positive.AtMost(87_600))));
            }
        }
        ApiLatencySpec? latency = null;
        if (a.Mapping("latency") is { } l)
        {
            l.Allow("p50_seconds", "p95_seconds");
            double p50 = l.Number("p50_seconds", NumberRule.Positive.AtMost(3_600));
            double p95 = l.Number("p95_seconds", NumberRule.Positive.AtMost(36_000));
            if (p95 < p50)
            {
                throw l.Error(l.Required("p95_seconds"), "p95_seconds", $"is {p95:G6} s, below p50_seconds {p50:G6} s");
            }
            latency = new ApiLatencySpec(p50, p95);
        }
        return new ApiSpec(price) { RequestsPerMinute = rpm, TokensPerMinute = tpm, Outages = outages, Latency = latency };
    }

    private static SloSpec ReadSlo(MappingReader s)
    {
        s.Allow("ttft_p95_seconds", "tpot_p95_ms", "e2e_p95_seconds", "cap_in_flight");
        double? Optional(string key, NumberRule rule) => s.Find(key) is null ? null : s.Number(key, rule);
        var slo = new SloSpec(Optional("ttft_p95_seconds", NumberRule.Positive.AtMost(3_600)), Optional("tpot_p95_ms", NumberRule.Positive.AtMost(60_000)),
                              Optional("e2e_p95_seconds", NumberRule.Positive.AtMost(86_400)));
        return slo is { TimeToFirstTokenP95Seconds: null, TimePerOutputTokenP95Milliseconds: null, EndToEndP95Seconds: null }
            ? throw s.ErrorHere("names no objective: give ttft_p95_seconds, tpot_p95_ms or e2e_p95_seconds")
            : slo with { CapInFlight = s.Flag("cap_in_flight", true) };
    }

    /// <summary>
    /// One blended usd_per_million_tokens, or a price sheet by type: input and output are required,
    /// cached input defaults to the input price (no cache discount). Never both forms.
    /// </summary>
    private static ApiPriceSpec ReadApiPrice(MappingReader a)
    {
        var rule = NumberRule.TokenPrice;
        YamlNode? typed = a.Find("input_usd_per_million_tokens") ?? a.Find("output_usd_per_million_tokens") ?? a.Find("cached_input_usd_per_million_tokens");
        if (a.Find("usd_per_million_tokens") is { } blended)
        {
            return typed is null
                ? ApiPriceSpec.Blended(a.Number("usd_per_million_tokens", rule))
                : throw a.Error(blended, "usd_per_million_tokens", "give either one blended price or input/cached_input/output prices, not both");
        }
        if (typed is null)
        {
            throw a.ErrorHere("needs a price: usd_per_million_tokens (blended), or input_usd_per_million_tokens and output_usd_per_million_tokens " +
                              "(with cached_input_usd_per_million_tokens if the provider discounts cached input)");
        }
        double input = a.Number("input_usd_per_million_tokens", rule);
        double output = a.Number("output_usd_per_million_tokens", rule);
        double cached = a.Number("cached_input_usd_per_million_tokens", NumberRule.NonNegative.AtMost(10_000), input);
        return ApiPriceSpec.Typed(input, cached, output);
    }
}
