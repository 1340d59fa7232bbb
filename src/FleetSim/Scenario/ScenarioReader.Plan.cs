using YamlDotNet.RepresentationModel;

namespace FleetSim.Scenario;

/// <summary>The plan: section.</summary>
internal sealed partial class ScenarioReader
{
    private PlanSpec ReadPlan(MappingReader p)
    {
        p.Allow("catalogue", "model", "policies", "reactive_targets", "pools", "top", "runs", "trust_estimates");
        PlanSpec d = PlanSpec.Default;
        string? catalogue = p.Text("catalogue") is { } file ? ExistingFile(p, "catalogue", file) : null;
        string? model = p.Text("model");
        IReadOnlyList<string> policies = p.Find("policies") is { } list ? ReadPolicyList(p, list) : d.Policies;
        if (policies.FirstOrDefault(n => n == "oracle" || n.StartsWith("static", StringComparison.Ordinal)) is { } bound)
        {
            throw p.Error(p.Required("policies"), "policies",
                $"'{bound}' is not a policy a plan can deploy here: plan tries {string.Join(", ", PlanSpec.DefaultPolicies)} and floor (breakeven is the cheapest static count)");
        }
        IReadOnlyList<double> targets = p.Find("reactive_targets") is { } t ? ReadList(p, t, "reactive_targets", NumberRule.Between(0.05, 1)) : d.ReactiveTargets;
        IReadOnlyList<PoolMix> pools = p.Find("pools") is { } node ? ReadPools(p, node) : d.Pools;
        return new PlanSpec(catalogue, model, policies, targets, pools,
            p.Integer("top", NumberRule.Positive.AtMost(PlanSpec.MaxTop), d.Top),
            p.Integer("runs", NumberRule.Positive.AtMost(PlanSpec.MaxRuns), d.Runs),
            p.Flag("trust_estimates", d.TrustEstimates));
    }

    private static PoolMix[] ReadPools(MappingReader p, YamlNode node)
    {
        if (node is not YamlSequenceNode { Children.Count: > 0 } seq)
        {
            string found = node is YamlSequenceNode ? "an empty list" : MappingReader.Describe(node);
            throw p.Error(node, "pools", $"expected a list of pool mixes ({string.Join(", ", PoolMixes.All)}), found {found}");
        }
        var mixes = new List<PoolMix>();
        for (int i = 0; i < seq.Children.Count; i++)
        {
            string name = seq.Children[i] is YamlScalarNode { Value: { } v } ? v : "";
            string hint = Spelling.Closest(name, PoolMixes.All) is { } near ? $" (did you mean '{near}'?)" : "";
            PoolMix mix = PoolMixes.Parse(name)
                ?? throw p.Error(seq.Children[i], $"pools[{i}]", $"unknown pool mix '{name}'{hint}; expected one of {string.Join(", ", PoolMixes.All)}");
            if (!mixes.Contains(mix))
            {
                mixes.Add(mix);
            }
        }
        return [.. mixes];
    }
}
