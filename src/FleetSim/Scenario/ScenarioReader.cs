using FleetSim.Units;
using YamlDotNet.RepresentationModel;

namespace FleetSim.Scenario;

/// <summary>
/// Turns a scenario's YAML tree into an immutable <see cref="ScenarioSpec"/>, checking every key,
/// type and range on the way. The first problem found is thrown as a <see cref="ScenarioException"/>.
/// </summary>
internal sealed class ScenarioReader(YamlSource source, string defaultName)
{
    private readonly List<string> _warnings = [];

    public ScenarioSpec Read(YamlMappingNode root)
    {
        var top = new MappingReader(source, root, "").Allow("name", "horizon_hours", "traffic", "replica", "fleet", "router", "api");
        string name = top.Text("name") ?? defaultName;
        double hours = top.Integer("horizon_hours", NumberRule.AtLeastOne.AtMost(87_600), 730);
        TrafficSpec traffic = ReadTraffic(top.RequiredMapping("traffic"));
        ReplicaSpec replica = ReadReplica(top.RequiredMapping("replica"));
        FleetSpec fleet = top.Mapping("fleet") is { } f ? ReadFleet(f) : new FloorFleet();
        RouterSpec router = top.Mapping("router") is { } r ? ReadRouter(r) : new RouterSpec(RouterMode.Spill);
        ApiSpec api = ReadApi(top.RequiredMapping("api"));
        return new ScenarioSpec(name, new Hours(hours), traffic, replica, fleet, router, api, _warnings);
    }

    private TrafficSpec ReadTraffic(MappingReader t)
    {
        t.Allow("monthly_processed_tokens", "daily_shape", "weekday_factor", "weekend_factor", "request_mix");
        double monthly = t.Number("monthly_processed_tokens", NumberRule.Positive.AtMost(1e18));
        DailyShapeSpec shape = ReadDailyShape(t.RequiredMapping("daily_shape"));
        double weekday = t.Number("weekday_factor", NumberRule.Positive.AtMost(1000), 1.0);
        double weekend = t.Number("weekend_factor", NumberRule.Positive.AtMost(1000), 1.0);
        RequestMix mix = ReadRequestMix(t.RequiredMapping("request_mix"));
        return new TrafficSpec(monthly, shape, weekday, weekend, mix);
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
        double[] levels = [.. names.Select(n => fit.Number(n, NumberRule.Positive.AtMost(1e15)))];
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
            levels[h] = d.ReadNumber(seq.Children[h], $"{path}[{h}]", NumberRule.NonNegative);
        }
        if (levels.All(l => l == 0))
        {
            throw d.Error(node, "hourly", "all 24 levels are zero: there is no traffic to shape");
        }
        return new HourlyShape(levels);
    }

    private static RequestMix ReadRequestMix(MappingReader m)
    {
        m.Allow("processed_tokens", "output_tokens", "cache_hit_share");
        double processed = m.Number("processed_tokens", NumberRule.Positive.AtMost(1e9));
        double output = m.Number("output_tokens", NumberRule.Positive);
        double cacheHit = m.Number("cache_hit_share", NumberRule.ShareBelowOne, 0.0);
        if (output >= processed)
        {
            throw m.Error(m.Required("output_tokens"), "output_tokens",
                $"must be less than processed_tokens ({processed:G}), which counts input and output together (got {output:G})");
        }
        return new RequestMix(processed, output, cacheHit);
    }

    private static ReplicaSpec ReadReplica(MappingReader r)
    {
        r.Allow("gpus", "gpus_per_node", "processed_tokens_per_second", "max_in_flight", "usd_per_gpu_hour");
        int gpus = r.Integer("gpus", NumberRule.AtLeastOne.AtMost(1024));
        int perNode = r.Integer("gpus_per_node", NumberRule.AtLeastOne.AtMost(1024), 8);
        double tokS = r.Number("processed_tokens_per_second", NumberRule.Positive.AtMost(1e9));
        int inFlight = r.Integer("max_in_flight", NumberRule.AtLeastOne.AtMost(10_000));
        double price = r.Number("usd_per_gpu_hour", NumberRule.Positive.AtMost(10_000));
        if (gpus > perNode)
        {
            throw r.Error(r.Required("gpus"), "gpus",
                $"a replica of {gpus} GPUs does not fit on a node of {perNode} (multi-node replicas are not modelled)");
        }
        return new ReplicaSpec(gpus, perNode, new TokensPerSecond(tokS), inFlight, new UsdPerGpuHour(price));
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
            return new StaticFleet(f.ReadInteger(node, f.PathOf("replicas"), NumberRule.NonNegative.AtMost(100_000)));
        }
        throw f.Error(node, "replicas", $"expected a whole number of replicas or 'floor', found {MappingReader.Describe(node)}");
    }

    private static RouterSpec ReadRouter(MappingReader r)
    {
        string mode = r.Allow("mode").Text("mode") ?? "spill";
        return mode switch
        {
            "spill" => new RouterSpec(RouterMode.Spill),
            "fluid" => new RouterSpec(RouterMode.Fluid),
            _ => throw r.Error(r.Required("mode"), "mode", $"expected 'spill' or 'fluid', found '{mode}'"),
        };
    }

    private static ApiSpec ReadApi(MappingReader a)
    {
        double price = a.Allow("usd_per_million_tokens").Number("usd_per_million_tokens", NumberRule.Positive.AtMost(10_000));
        return new ApiSpec(new UsdPerMillionTokens(price));
    }
}
