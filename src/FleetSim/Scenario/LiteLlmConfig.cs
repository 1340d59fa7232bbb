using YamlDotNet.RepresentationModel;

namespace FleetSim.Scenario;

/// <summary>
/// Reads a LiteLLM proxy config.yaml (model_list, router_settings) into a <see cref="LiteLlmImport"/>.
/// Values FleetSim models are checked like scenario values; every other key is named in a warning,
/// never silently dropped.
/// </summary>
internal static class LiteLlmConfig
{
    private static readonly string[] ModelledParams = ["order", "max_parallel_requests", "rpm", "tpm", "weight"];

    public static LiteLlmImport Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException(path, "", e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message);
        }
        var source = new YamlSource(path);
        YamlMappingNode root = ScenarioLoader.ParseRoot(text, source, "a LiteLLM config");
        var ignored = new SortedSet<string>(StringComparer.Ordinal);
        var deployments = new List<Deployment>();
        YamlNode? routerSettings = null;

        foreach (var (keyNode, value) in root.Children)
        {
            string key = (keyNode as YamlScalarNode)?.Value ?? "";
            switch (key)
            {
                case "model_list":
                    deployments.AddRange(ReadModelList(source, value, ignored));
                    break;
                case "router_settings":
                    routerSettings = value;
                    break;
                default:
                    ignored.Add(key);
                    break;
            }
        }
        if (deployments.Count == 0)
        {
            throw new ScenarioException(source.FileName, "model_list", "is missing or empty: there are no deployments to route to");
        }

        int lowest = deployments.Min(d => d.Order);
        Deployment[] replicas = [.. deployments.Where(d => d.Order == lowest)];
        Deployment[] api = [.. deployments.Where(d => d.Order != lowest)];
        if (api.Length == 0)
        {
            throw source.Error(replicas[^1].Node, "model_list",
                $"every deployment has order {lowest}: FleetSim takes the lowest order as the self-hosted replicas and needs the API at a higher order");
        }
        int?[] parallel = [.. replicas.Select(r => r.MaxParallel).Distinct()];
        if (parallel.Length > 1)
        {
            throw source.Error(replicas[0].Node, "model_list",
                $"the order-{lowest} deployments have different max_parallel_requests ({string.Join(", ", parallel.Select(p => p?.ToString() ?? "unset"))}); FleetSim models identical replicas");
        }
        var warnings = new List<string>();
        if (replicas.Any(r => r.Rpm is not null || r.Tpm is not null))
        {
            warnings.Add($"{path}: rpm/tpm on the self-hosted (order {lowest}) deployments are not modelled; their max_parallel_requests is");
        }
        if (api.Select(a => a.Order).Distinct().Count() > 1)
        {
            warnings.Add($"{path}: deployments of order {string.Join(", ", api.Select(a => a.Order).Distinct().Order())} are all taken as the one paid API");
        }

        var settings = routerSettings is null ? null : ReadRouterSettings(source, routerSettings, ignored);
        if (ignored.Count > 0)
        {
            warnings.Add($"{path}: not modelled, ignored: {string.Join(", ", ignored)}");
        }
        return new LiteLlmImport(
            replicas.Length,
            parallel[0],
            [.. replicas.Select(r => r.Weight)],
            settings?.Choice ?? ReplicaChoice.SimpleShuffle,
            settings?.Cooldown,
            settings?.Retries,
            settings?.Timeout,
            Sum(api.Select(a => a.Rpm)),
            Sum(api.Select(a => a.Tpm)),
            warnings);
    }

    /// <summary>
    /// The API's limit: the sum over its deployments, or none (null) if any deployment has none, since
    /// the router can send the overflow to that unlimited deployment.
    /// </summary>
    private static double? Sum(IEnumerable<double?> values)
    {
        double?[] all = [.. values];
        return all.Any(v => v is null) ? null : all.Sum();
    }

    private sealed record Deployment(YamlNode Node, int Order, int? MaxParallel, double? Rpm, double? Tpm, double Weight);

    private sealed record Settings(ReplicaChoice Choice, double? Cooldown, int? Retries, double? Timeout);

    private static IEnumerable<Deployment> ReadModelList(YamlSource source, YamlNode node, SortedSet<string> ignored)
    {
        if (node is not YamlSequenceNode list)
        {
            throw source.Error(node, "model_list", $"expected a list of deployments, found {MappingReader.Describe(node)}");
        }
        for (int i = 0; i < list.Children.Count; i++)
        {
            string path = $"model_list[{i}]";
            if (list.Children[i] is not YamlMappingNode entry)
            {
                throw source.Error(list.Children[i], path, $"expected a deployment (model_name, litellm_params), found {MappingReader.Describe(list.Children[i])}");
            }
            YamlMappingNode? parameters = null;
            foreach (var (k, v) in entry.Children)
            {
                string key = (k as YamlScalarNode)?.Value ?? "";
                if (key == "litellm_params")
                {
                    parameters = v as YamlMappingNode
                        ?? throw source.Error(v, $"{path}.litellm_params", $"expected a section of keys, found {MappingReader.Describe(v)}");
                }
                else
                {
                    ignored.Add($"model_list[*].{key}");
                }
            }
            if (parameters is null)
            {
                throw source.Error(entry, $"{path}.litellm_params", "is required but missing");
            }
            var reader = new MappingReader(source, parameters, $"{path}.litellm_params");
            foreach (var (k, _) in parameters.Children)
            {
                string key = (k as YamlScalarNode)?.Value ?? "";
                if (!ModelledParams.Contains(key))
                {
                    ignored.Add($"model_list[*].litellm_params.{key}");
                }
            }
            if (reader.Find("order") is null)
            {
                throw source.Error(parameters, $"{path}.litellm_params.order",
                    "is required: FleetSim takes the lowest order as the self-hosted replicas and a higher one as the API");
            }
            yield return new Deployment(
                entry,
                reader.Integer("order", NumberRule.NonNegative.AtMost(1000)),
                reader.Find("max_parallel_requests") is null ? null : reader.Integer("max_parallel_requests", NumberRule.AtLeastOne.AtMost(10_000)),
                reader.Find("rpm") is null ? null : reader.Number("rpm", NumberRule.Positive.AtMost(1e12)),
                reader.Find("tpm") is null ? null : reader.Number("tpm", NumberRule.Positive.AtMost(1e15)),
                reader.Number("weight", NumberRule.Positive.AtMost(1e6), 1));
        }
    }

    private static Settings ReadRouterSettings(YamlSource source, YamlNode node, SortedSet<string> ignored)
    {
        if (node is not YamlMappingNode settings)
        {
            throw source.Error(node, "router_settings", $"expected a section of keys, found {MappingReader.Describe(node)}");
        }
        string[] modelled = ["routing_strategy", "cooldown_time", "num_retries", "timeout"];
        foreach (var (k, _) in settings.Children)
        {
            string key = (k as YamlScalarNode)?.Value ?? "";
            if (!modelled.Contains(key))
            {
                ignored.Add($"router_settings.{key}");
            }
        }
        var reader = new MappingReader(source, settings, "router_settings");
        string? strategy = reader.Text("routing_strategy");
        ReplicaChoice choice = strategy is null
            ? ReplicaChoice.SimpleShuffle
            : ReplicaChoices.Parse(strategy) ?? throw reader.Error(reader.Required("routing_strategy"), "routing_strategy",
                $"'{strategy}' is not modelled; FleetSim models {string.Join(" and ", ReplicaChoices.Names)}");
        return new Settings(
            choice,
            reader.Find("cooldown_time") is null ? null : reader.Number("cooldown_time", NumberRule.NonNegative.AtMost(86_400)),
            reader.Find("num_retries") is null ? null : reader.Integer("num_retries", NumberRule.NonNegative.AtMost(100)),
            reader.Find("timeout") is null ? null : reader.Number("timeout", NumberRule.Positive.AtMost(86_400)));
    }
}
