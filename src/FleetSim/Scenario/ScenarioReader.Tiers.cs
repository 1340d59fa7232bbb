using YamlDotNet.RepresentationModel;

namespace FleetSim.Scenario;

/// <summary>The tiers: section.</summary>
internal sealed partial class ScenarioReader
{
    private static TiersSpec ReadTiers(MappingReader t)
    {
        t.Allow("spend", "aggressive", "team", "bare_usd_per_gpu_hour", "managed_usd_per_gpu_hour");
        TiersSpec d = TiersSpec.Default;
        IReadOnlyList<double> spend = t.Find("spend") is { } node ? ReadList(t, node, "spend", NumberRule.Positive.AtMost(InputLimits.MaxMonthlySpendUsd)) : d.SpendLevels;
        double throughput = d.ThroughputFactor, inFlight = d.InFlightFactor;
        if (t.Mapping("aggressive") is { } a)
        {
            a.Allow("throughput_factor", "in_flight_factor");
            throughput = a.Number("throughput_factor", NumberRule.Positive.AtMost(100), d.ThroughputFactor);
            inFlight = a.Number("in_flight_factor", NumberRule.Positive.AtMost(100), d.InFlightFactor);
        }
        TeamSpec team = t.Mapping("team") is { } m ? ReadTeam(m) : d.Team;
        return new TiersSpec(spend, throughput, inFlight, team,
            ReadRange(t, "bare_usd_per_gpu_hour", d.BareUsdPerGpuHour),
            ReadRange(t, "managed_usd_per_gpu_hour", d.ManagedUsdPerGpuHour));
    }

    private static TeamSpec ReadTeam(MappingReader m)
    {
        m.Allow("engineers", "nodes_per_engineer", "min_engineers", "salary_low", "salary_high", "has_gpu_expertise");
        TeamSpec d = TeamSpec.Default;
        int? engineers = m.Find("engineers") is null ? null : m.Integer("engineers", NumberRule.NonNegative.AtMost(10_000));
        double? perNode = m.Find("nodes_per_engineer") is null ? (engineers is null ? d.NodesPerEngineer : null)
            : m.Number("nodes_per_engineer", NumberRule.Between(0.1, 1e6));
        double low = m.Number("salary_low", NumberRule.NonNegative.AtMost(1e8), d.SalaryLow);
        double high = m.Number("salary_high", NumberRule.NonNegative.AtMost(1e8), d.SalaryHigh);
        if (high < low)
        {
            throw m.Error(m.Required("salary_high"), "salary_high", $"must be at least salary_low ({low:G})");
        }
        string expertise = m.Text("has_gpu_expertise") ?? "false";
        bool has = expertise switch
        {
            "true" or "yes" => true,
            "false" or "no" => false,
            _ => throw m.Error(m.Required("has_gpu_expertise"), "has_gpu_expertise", $"expected true or false, found '{expertise}'"),
        };
        return new TeamSpec(engineers, perNode, m.Integer("min_engineers", NumberRule.NonNegative.AtMost(10_000), d.MinEngineers), low, high, has);
    }

    private static (double, double) ReadRange(MappingReader t, string key, (double, double) fallback)
    {
        if (t.Find(key) is not { } node)
        {
            return fallback;
        }
        double[] values = ReadList(t, node, key, NumberRule.GpuHourPrice);
        if (values.Length != 2 || values[1] < values[0])
        {
            throw t.Error(node, key, "expected [low, high] $/GPU-hour with low ≤ high");
        }
        return (values[0], values[1]);
    }

    private static double[] ReadList(MappingReader t, YamlNode node, string key, NumberRule rule)
    {
        if (node is not YamlSequenceNode seq || seq.Children.Count == 0)
        {
            throw t.Error(node, key, $"expected a list of numbers, found {MappingReader.Describe(node)}");
        }
        if (seq.Children.Count > InputLimits.MaxSpendLevels)
        {
            throw t.Error(node, key, $"has {seq.Children.Count:N0} levels, more than the {InputLimits.MaxSpendLevels} tiers compares (each is a simulation)");
        }
        return [.. seq.Children.Select((n, i) => t.ReadNumber(n, $"{t.PathOf(key)}[{i}]", rule))];
    }
}
