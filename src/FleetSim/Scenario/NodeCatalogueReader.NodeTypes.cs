using FleetSim.Units;
using YamlDotNet.RepresentationModel;

namespace FleetSim.Scenario;

/// <summary>A catalogue's <c>node_types</c>: one rentable GPU instance family each, with its prices by how it is bought.</summary>
public static partial class NodeCatalogueReader
{
    /// <summary>The most GPUs a node may have: 1,024, as <c>replica.gpus_per_node</c> in a scenario (an HGX box has 8, an NVL72 rack 72).</summary>
    private const int MaxGpusPerNode = 1024;

    /// <summary>The most spot interruptions a node-hour may carry: 60, one a minute; more is a unit error (per day? per month?).</summary>
    private const double MaxPreemptionsPerNodeHour = 60;

    private static NodeType ReadNodeType(MappingReader n)
    {
        n.Allow("name", "cloud", "instance", "gpu", "gpus_per_node", "instance_sizes", "usd_per_gpu_hour", "spot_preemptions_per_node_hour",
                "prices_as_of", "price_source");
        string name = RequiredLabel(n, "name");
        string cloud = RequiredLabel(n, "cloud");
        string instance = RequiredLabel(n, "instance");
        string gpu = RequiredLabel(n, "gpu");
        int perNode = n.Integer("gpus_per_node", NumberRule.AtLeastOne.AtMost(MaxGpusPerNode));
        IReadOnlyList<int> sizes = n.Find("instance_sizes") is { } sizesNode ? ReadInstanceSizes(n, sizesNode, perNode) : [perNode];
        NodePrices prices = ReadPrices(n.RequiredMapping("usd_per_gpu_hour"));
        double? preemptions = null;
        YamlNode? rateNode = n.Find("spot_preemptions_per_node_hour");
        if (prices.Spot is not null && rateNode is null)
        {
            throw n.Error(n.Node, "spot_preemptions_per_node_hour",
                "is required when usd_per_gpu_hour.spot is given: how often a spot node is taken back, per node-hour (e.g. 0.01); say in a comment where the figure comes from");
        }
        if (prices.Spot is null && rateNode is not null)
        {
            throw n.Error(rateNode, "spot_preemptions_per_node_hour", "goes with usd_per_gpu_hour.spot, and this node type has no spot price");
        }
        if (rateNode is not null)
        {
            preemptions = n.Number("spot_preemptions_per_node_hour", NumberRule.NonNegative.AtMost(MaxPreemptionsPerNodeHour));
        }
        return new NodeType(name, cloud, instance, gpu, perNode, sizes, prices, preemptions)
        {
            PricesAsOf = ReadPricesAsOf(n),
            SecondarySource = n.Text("price_source") switch
            {
                null or "list" => false,
                "secondary" => true,
                string other => throw n.Error(n.Required("price_source"), "price_source",
                    $"expected list (the cloud's own price list or API) or secondary (a research note, a reseller, a quote), found '{other}'"),
            },
        };
    }

    /// <summary><c>prices_as_of</c>: the date of the prices' source, YYYY-MM-DD, from 2000 to the year 2100; null when absent.</summary>
    private static DateOnly? ReadPricesAsOf(MappingReader n)
    {
        string? text = n.Text("prices_as_of");
        if (text is null)
        {
            return null;
        }
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out DateOnly date)
            || date.Year < 2000 || date.Year > 2100)
        {
            throw n.Error(n.Required("prices_as_of"), "prices_as_of", $"expected the date of the prices' source as YYYY-MM-DD (e.g. 2026-11-09), found '{text}'");
        }
        return date;
    }

    /// <summary>A required, non-empty text value.</summary>
    private static string RequiredLabel(MappingReader m, string key)
    {
        string text = m.Text(key) ?? throw m.Error(m.Node, key, "is required but missing");
        return text.Trim().Length > 0 ? text : throw m.Error(m.Required(key), key, "is empty");
    }

    /// <summary>
    /// <c>instance_sizes</c>: GPUs per rentable instance, strictly ascending, each dividing <paramref name="perNode"/>
    /// (a smaller instance is a slice of the node), the last equal to it.
    /// </summary>
    private static List<int> ReadInstanceSizes(MappingReader n, YamlNode node, int perNode)
    {
        string path = n.PathOf("instance_sizes");
        if (node is not YamlSequenceNode list || list.Children.Count == 0)
        {
            throw n.Error(node, "instance_sizes",
                $"expected a list of GPUs per instance ending at gpus_per_node, e.g. [1, 2, 4, 8], found {(node is YamlSequenceNode ? "an empty list" : MappingReader.Describe(node))}");
        }
        var sizes = new List<int>(list.Children.Count);
        for (int i = 0; i < list.Children.Count; i++)
        {
            YamlNode item = list.Children[i];
            int size = n.ReadInteger(item, $"{path}[{i}]", NumberRule.AtLeastOne.AtMost(MaxGpusPerNode));
            if (sizes.Count > 0 && size <= sizes[^1])
            {
                throw n.Error(item, $"instance_sizes[{i}]", $"sizes rise from smallest to largest ({sizes[^1]} then {size})");
            }
            if (perNode % size != 0)
            {
                throw n.Error(item, $"instance_sizes[{i}]",
                    $"an instance of {size} GPUs does not divide a node of gpus_per_node {perNode}: each size is a slice of the node (e.g. 1, 2, 4, 8 of 8)");
            }
            sizes.Add(size);
        }
        if (sizes[^1] != perNode)
        {
            throw n.Error(node, "instance_sizes",
                $"ends at {sizes[^1]} GPUs, short of gpus_per_node {perNode}: the largest instance is the whole node; add {perNode}, or lower gpus_per_node");
        }
        return sizes;
    }

    /// <summary>
    /// <c>usd_per_gpu_hour</c>: <c>on_demand</c> (required), <c>reserved_1y</c>, <c>reserved_3y</c> and <c>spot</c>, each
    /// $0.01 to $10,000 (<see cref="NumberRule.GpuHourPrice"/>); a commitment or spot dearer than on demand is refused as a typo.
    /// </summary>
    private static NodePrices ReadPrices(MappingReader p)
    {
        p.Allow("on_demand", "reserved_1y", "reserved_3y", "spot");
        double onDemand = p.Number("on_demand", NumberRule.GpuHourPrice);
        UsdPerGpuHour? Optional(string key)
        {
            if (p.Find(key) is not { } node)
            {
                return null;
            }
            double price = p.Number(key, NumberRule.GpuHourPrice);
            if (price > onDemand)
            {
                throw p.Error(node, key,
                    $"is ${price:G} per GPU-hour, dearer than on_demand (${onDemand:G}): a commitment or spot is never dearer than on demand; is one of them an instance price rather than per GPU?");
            }
            return new UsdPerGpuHour(price);
        }
        return new NodePrices(new UsdPerGpuHour(onDemand), Optional("reserved_1y"), Optional("reserved_3y"), Optional("spot"));
    }
}
