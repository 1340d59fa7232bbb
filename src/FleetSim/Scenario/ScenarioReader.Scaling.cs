using YamlDotNet.RepresentationModel;

namespace FleetSim.Scenario;

/// <summary>The scaling: and pricing: sections.</summary>
internal sealed partial class ScenarioReader
{
    private static ScalingSpec ReadScaling(MappingReader s)
    {
        s.Allow("policies", "provisioning_minutes", "drain_minutes", "scale_down_unneeded_minutes", "scale_down_delay_after_add_minutes", "max_nodes",
                "reactive", "schedule", "predictive", "failures");
        IReadOnlyList<string> policies = s.Find("policies") is { } list ? ReadPolicyList(s, list) : ScalingSpec.AllPolicies;
        double provisioning = s.Number("provisioning_minutes", NumberRule.NonNegative.AtMost(10_080), 15);
        double drain = s.Number("drain_minutes", NumberRule.NonNegative.AtMost(1_440), 1);
        int? maxNodes = s.Find("max_nodes") is null ? null : s.Integer("max_nodes", NumberRule.NonNegative.AtMost(100_000));
        ReactiveSpec reactive = s.Mapping("reactive") is { } r ? ReadReactive(r) : ReactiveSpec.Default;
        ScheduleSpec? schedule = s.Mapping("schedule") is { } sch ? ReadSchedule(sch) : null;
        PredictiveSpec predictive = s.Mapping("predictive") is { } p ? ReadPredictive(p) : new PredictiveSpec(ForecastMethod.SeasonalNaive);
        FailureSpec? failures = s.Mapping("failures") is { } f ? ReadFailures(f) : null;
        return new ScalingSpec(policies, provisioning, drain, maxNodes, reactive, schedule, predictive, failures)
        {
            ScaleDownUnneededMinutes = s.Number("scale_down_unneeded_minutes", NumberRule.NonNegative.AtMost(1_440), ScalingSpec.Default.ScaleDownUnneededMinutes),
            ScaleDownDelayAfterAddMinutes = s.Number("scale_down_delay_after_add_minutes", NumberRule.NonNegative.AtMost(1_440),
                                                     ScalingSpec.Default.ScaleDownDelayAfterAddMinutes),
        };
    }

    private static string[] ReadPolicyList(MappingReader s, YamlNode node)
    {
        if (node is not YamlSequenceNode seq || seq.Children.Count == 0)
        {
            string found = node is YamlSequenceNode ? "an empty list" : MappingReader.Describe(node);
            throw s.Error(node, "policies", $"expected a list of policy names ({string.Join(", ", Scaling.PolicyFactory.Names)}), found {found}");
        }
        var names = new List<string>();
        for (int i = 0; i < seq.Children.Count; i++)
        {
            string name = seq.Children[i] is YamlScalarNode { Value: { } v } ? v : "";
            try
            {
                Scaling.PolicyFactory.Validate(name);
            }
            catch (ArgumentException e)
            {
                throw s.Error(seq.Children[i], $"policies[{i}]", e.Message);
            }
            if (names.Contains(name))
            {
                throw s.Error(seq.Children[i], $"policies[{i}]", $"'{name}' is listed twice: each policy runs once");
            }
            names.Add(name);
        }
        return [.. names];
    }

    private static ScheduleSpec ReadSchedule(MappingReader s)
    {
        s.Allow("weekday", "weekend");
        return new ScheduleSpec(ReadDay(s, "weekday"), ReadDay(s, "weekend"));
    }

    private static int[]? ReadDay(MappingReader s, string key)
    {
        if (s.Find(key) is not { } node)
        {
            return null;
        }
        if (node is not YamlSequenceNode seq || seq.Children.Count != 24)
        {
            throw s.Error(node, key, $"expected 24 replica counts (hour 0 to 23), found {(node is YamlSequenceNode q ? q.Children.Count + " values" : MappingReader.Describe(node))}");
        }
        return [.. seq.Children.Select((n, h) => s.ReadInteger(n, $"{s.PathOf(key)}[{h}]", NumberRule.NonNegative.AtMost(100_000)))];
    }

    private static PredictiveSpec ReadPredictive(MappingReader p)
    {
        string method = p.Allow("method").Text("method") ?? "seasonal-naive";
        return method switch
        {
            "seasonal-naive" => new PredictiveSpec(ForecastMethod.SeasonalNaive),
            "holt-winters" => new PredictiveSpec(ForecastMethod.HoltWinters),
            _ => throw p.Error(p.Required("method"), "method", $"expected 'seasonal-naive' or 'holt-winters', found '{method}'"),
        };
    }

    private static FailureSpec ReadFailures(MappingReader f)
    {
        f.Allow("mtbf_hours", "mttr_hours");
        return new FailureSpec(f.Number("mtbf_hours", NumberRule.Positive.AtMost(1e7)), f.Number("mttr_hours", NumberRule.Positive.AtMost(1e5)));
    }

    private static NoiseSpec ReadNoise(MappingReader n)
    {
        n.Allow("minute_cv", "minute_correlation", "daily_cv", "growth_per_month", "bursts");
        BurstSpec? bursts = null;
        if (n.Mapping("bursts") is { } b)
        {
            b.Allow("per_day", "height", "minutes");
            bursts = new BurstSpec(
                b.Number("per_day", NumberRule.NonNegative.AtMost(1_440)),
                b.Number("height", NumberRule.Positive.AtMost(100)),
                b.Number("minutes", NumberRule.Positive.AtMost(1_440)));
        }
        return new NoiseSpec(
            n.Number("minute_cv", NumberRule.NonNegative.AtMost(10), 0),
            n.Number("minute_correlation", NumberRule.Between(0, 0.9999), 0),
            n.Number("daily_cv", NumberRule.NonNegative.AtMost(10), 0),
            n.Number("growth_per_month", new NumberRule(-1, false, 100, true), 0),
            bursts);
    }

    private static PricingSpec ReadPricing(MappingReader p)
    {
        p.Allow("billing", "minimum_charge_minutes", "reserved_nodes", "reserved_usd_per_gpu_hour", "spot", "base_fleet", "bursts");
        string billing = p.Text("billing") ?? "per-second";
        BillingUnit unit = billing switch
        {
            "per-second" => BillingUnit.Second,
            "per-minute" => BillingUnit.Minute,
            "per-hour" => BillingUnit.Hour,
            _ => throw p.Error(p.Required("billing"), "billing", $"expected 'per-second', 'per-minute' or 'per-hour', found '{billing}'"),
        };
        SpotSpec? spot = p.Mapping("spot") is { } s ? ReadSpot(s) : null;
        string baseFleet = p.Text("base_fleet") ?? "on_demand";
        bool spotBase = baseFleet switch
        {
            "on_demand" => false,
            "spot" => spot is not null ? true : throw p.Error(p.Required("base_fleet"), "base_fleet", "is spot, but pricing.spot gives no spot price"),
            _ => throw p.Error(p.Required("base_fleet"), "base_fleet", $"expected 'on_demand' or 'spot', found '{baseFleet}'"),
        };
        return new PricingSpec(
            unit,
            p.Number("minimum_charge_minutes", NumberRule.NonNegative.AtMost(43_800), PricingSpec.Default.MinimumChargeMinutes),
            p.Integer("reserved_nodes", NumberRule.NonNegative.AtMost(100_000), 0),
            p.Find("reserved_usd_per_gpu_hour") is null ? null : p.Number("reserved_usd_per_gpu_hour", NumberRule.GpuHourPrice),
            spot)
        { SpotBaseFleet = spotBase, Bursts = ReadBursts(p, spot) };
    }

    /// <summary>pricing.spot: the price and preemption rate, and how preemptions behave (docs/scaling.md#node-pools).</summary>
    private static SpotSpec ReadSpot(MappingReader s)
    {
        s.Allow("usd_per_gpu_hour", "preemptions_per_node_hour", "fallback", "correlated_share", "notice_seconds", "max_nodes");
        string fallback = s.Text("fallback") ?? "spot";
        return new SpotSpec(s.Number("usd_per_gpu_hour", NumberRule.GpuHourPrice),
                            s.Number("preemptions_per_node_hour", NumberRule.NonNegative.AtMost(60), 0))
        {
            Fallback = fallback switch
            {
                "spot" => SpotFallback.Spot,
                "on_demand" => SpotFallback.OnDemand,
                "api" => SpotFallback.Api,
                _ => throw s.Error(s.Required("fallback"), "fallback", $"expected 'spot', 'on_demand' or 'api', found '{fallback}'"),
            },
            CorrelatedShare = s.Number("correlated_share", NumberRule.Between(0, 1), 0),
            NoticeSeconds = s.Number("notice_seconds", NumberRule.Between(0, 3_600), SpotSpec.AwsNoticeSeconds),
            MaxNodes = s.Find("max_nodes") is null ? null : s.Integer("max_nodes", NumberRule.NonNegative.AtMost(100_000)),
        };
    }

    /// <summary>pricing.bursts: a list of pools in order of preference, each once; spot needs pricing.spot, and nothing may follow on_demand (it has no cap).</summary>
    private static IReadOnlyList<BurstPool>? ReadBursts(MappingReader p, SpotSpec? spot)
    {
        if (p.Find("bursts") is not { } node)
        {
            return null;
        }
        if (node is not YamlSequenceNode list || list.Children.Count == 0)
        {
            throw p.Error(node, "bursts", $"expected a list of 'spot' and 'on_demand' (for example [spot, on_demand]), found {MappingReader.Describe(node)}");
        }
        var pools = new List<BurstPool>();
        foreach (YamlNode item in list.Children)
        {
            BurstPool pool = (item as YamlScalarNode)?.Value switch
            {
                "spot" => spot is not null ? BurstPool.Spot : throw p.Error(item, "bursts", "lists spot, but pricing.spot gives no spot price"),
                "on_demand" => BurstPool.OnDemand,
                _ => throw p.Error(item, "bursts", $"expected 'spot' or 'on_demand', found {MappingReader.Describe(item)}"),
            };
            if (pools.Contains(pool))
            {
                throw p.Error(item, "bursts", $"lists {(pool == BurstPool.Spot ? "spot" : "on_demand")} twice");
            }
            if (pools.Contains(BurstPool.OnDemand))
            {
                throw p.Error(item, "bursts", "lists a pool after on_demand, which has no cap, so it would never be used");
            }
            pools.Add(pool);
        }
        return pools;
    }
}
