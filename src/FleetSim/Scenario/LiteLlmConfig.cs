using YamlDotNet.RepresentationModel;

namespace FleetSim.Scenario;

/// <summary>
/// Reads a LiteLLM proxy config.yaml (model_list, router_settings, litellm_settings) into a
/// <see cref="LiteLlmImport"/>. Every key is sorted: modelled (checked like scenario values), inert
/// (changes nothing FleetSim computes; listed), or unmodelled (would change the answer; the scenario
/// refuses to run unless unmodelled keys are allowed). See <see cref="LiteLlmKeys"/>.
/// </summary>
internal static class LiteLlmConfig
{
    /// <summary>litellm/utils.py::calculate_max_parallel_requests: a tpm limit allows ⌊tpm/1000·6⌋ calls at once, at least 1.</summary>
    private static int SemaphoreFromTpm(double tpm) => (int)Math.Max(1, Math.Min(int.MaxValue - 1, Math.Floor(tpm / 1000 * 6)));

    /// <param name="path">The config file.</param>
    /// <param name="group">The model group the traffic calls; null when the config has one group with a self-hosted order.</param>
    public static LiteLlmImport Load(string path, string? group)
    {
        if (Directory.Exists(path))
        {
            throw new ScenarioException(path, "", "is a folder, not a LiteLLM config file");
        }
        string text = InputLimits.ReadText(path, InputLimits.MaxLiteLlmConfigBytes, "a LiteLLM config");
        var source = new YamlSource(path);
        YamlMappingNode root = ScenarioLoader.ParseRoot(text, source, "a LiteLLM config");
        var inert = new SortedSet<string>(StringComparer.Ordinal);
        var unmodelled = new SortedSet<string>(StringComparer.Ordinal);
        var deployments = new List<Deployment>();
        MappingReader? router = null, litellm = null;

        foreach (var (keyNode, value) in root.Children)
        {
            string key = (keyNode as YamlScalarNode)?.Value ?? "";
            switch (key)
            {
                case "model_list":
                    deployments.AddRange(ReadModelList(source, value, inert, unmodelled));
                    break;
                case "router_settings":
                    router = Section(source, value, key);
                    Sort(router, "router_settings", LiteLlmKeys.ModelledRouterSettings, LiteLlmKeys.InertRouterSettings, inert, unmodelled);
                    break;
                case "litellm_settings":
                    litellm = Section(source, value, key);
                    Sort(litellm, "litellm_settings", LiteLlmKeys.ModelledLiteLlmSettings, LiteLlmKeys.InertLiteLlmSettings, inert, unmodelled);
                    break;
                default:
                    if (LiteLlmKeys.InertSections.Contains(key))
                    {
                        SortInert(value, key, inert, unmodelled);
                        break;
                    }
                    if (LiteLlmKeys.UnmodelledSections.Contains(key))
                    {
                        unmodelled.Add(key);
                        break;
                    }
                    string? meant = Spelling.Closest(key, LiteLlmKeys.Sections);
                    throw source.Error(keyNode, key,
                        $"is not a section of a LiteLLM proxy config{(meant is null ? "" : $"; did you mean {meant}?")} (sections: {string.Join(", ", LiteLlmKeys.Sections)})");
            }
        }
        if (deployments.Count == 0)
        {
            throw new ScenarioException(source.FileName, "model_list", "is missing or empty: there are no deployments to route to");
        }

        string[] groups = [.. deployments.Select(d => d.Group).Distinct()];
        string called = group ?? (groups.Length == 1 ? groups[0]
            : throw source.Error(root, "model_list",
                $"has {groups.Length} model groups ({string.Join(", ", groups)}); say which one the traffic calls with router.model_group"));
        Deployment[] members = [.. deployments.Where(d => d.Group == called)];
        if (members.Length == 0)
        {
            throw source.Error(root, "model_list", $"has no deployment with model_name '{called}' (router.model_group); it has {string.Join(", ", groups)}");
        }
        int lowest = members.Min(d => d.Order ?? int.MaxValue);
        Deployment[] replicas = [.. members.Where(d => (d.Order ?? int.MaxValue) == lowest)];
        Deployment[] higher = [.. members.Where(d => (d.Order ?? int.MaxValue) != lowest)];

        var warnings = new List<string>();
        string[] fallbackGroups = router is null ? [] : Fallbacks(router, called);
        Deployment[] fallbackApi = [.. deployments.Where(d => fallbackGroups.Contains(d.Group) && d.Group != called)];
        foreach (string missing in fallbackGroups.Where(g => g != called && !groups.Contains(g)))
        {
            warnings.Add($"{path}: fallback group '{missing}' has no deployments; a request sent there fails");
        }
        if (fallbackGroups.Contains(called))
        {
            warnings.Add($"{path}: the fallbacks of '{called}' name '{called}' itself: falling back there tries the same replicas again, never the API");
        }
        if (router?.Find("max_fallbacks") is not null && router.Integer("max_fallbacks", NumberRule.NonNegative.AtMost(1000)) == 0)
        {
            // FleetSim's chain has one hop (the API); only max_fallbacks 0, which stops it, would change the answer.
            unmodelled.Add("router_settings.max_fallbacks: 0");
        }
        ApiRoute route = higher.Length > 0 ? ApiRoute.HigherOrder : fallbackApi.Length > 0 ? ApiRoute.Fallbacks : ApiRoute.None;
        Deployment[] api = [.. higher, .. fallbackApi];
        if (route == ApiRoute.None)
        {
            warnings.Add($"{path}: model group '{called}' has no higher order and no fallbacks: a request whose calls all fail is an error to the client (dropped), and nothing spills to the API");
        }

        bool preCallChecks = router is not null && Flag(router, "enable_pre_call_checks");
        if (route == ApiRoute.HigherOrder && !preCallChecks)
        {
            warnings.Add($"{path}: LiteLLM releases before PR #24611 (2026-03-26) honour `order` only with enable_pre_call_checks: true and would split traffic across all {members.Length} deployments; FleetSim models the later releases, where order {lowest} is tried first");
        }

        int? defaultParallel = router?.Find("default_max_parallel_requests") is null ? null
            : router!.Integer("default_max_parallel_requests", NumberRule.AtLeastOne.AtMost(1_000_000));
        int?[] semaphores = [.. replicas.Select(r => r.MaxParallel ?? (r.Rpm is { } rpm ? (int)Math.Min(rpm, 1_000_000) : (int?)null)
                                                  ?? (r.Tpm is { } tpm ? SemaphoreFromTpm(tpm) : (int?)null) ?? defaultParallel)];

        double? routerTimeout = router?.Find("timeout") is null ? null : router!.Number("timeout", NumberRule.Positive.AtMost(86_400));
        double? requestTimeout = litellm?.Find("request_timeout") is null ? null : litellm!.Number("request_timeout", NumberRule.Positive.AtMost(86_400));
        double timeout = Same(replicas.Select(r => r.Timeout), "timeout", unmodelled) ?? routerTimeout ?? requestTimeout ?? LiteLlmSettings.DefaultTimeoutSeconds;
        double? streamTimeout = Same(replicas.Select(r => r.StreamTimeout), "stream_timeout", unmodelled)
            ?? (router?.Find("stream_timeout") is null ? null : router!.Number("stream_timeout", NumberRule.Positive.AtMost(86_400)));

        bool noCooldowns = router is not null && Flag(router, "disable_cooldowns");
        double cooldown = noCooldowns ? 0
            : Same(replicas.Select(r => r.Cooldown), "cooldown_time", unmodelled)
              ?? (router?.Find("cooldown_time") is null ? 5 : router!.Number("cooldown_time", NumberRule.NonNegative.AtMost(86_400)));
        int retries = router?.Find("num_retries") is not null ? router.Integer("num_retries", NumberRule.NonNegative.AtMost(100))
            : litellm?.Find("num_retries") is not null ? litellm.Integer("num_retries", NumberRule.NonNegative.AtMost(100))
            : LiteLlmSettings.DefaultRetries;

        ReplicaChoice choice = ReplicaChoice.SimpleShuffle;
        if (router?.Text("routing_strategy") is { } strategy)
        {
            if (ReplicaChoices.Parse(strategy) is { } known)
            {
                choice = known;
            }
            else
            {
                unmodelled.Add($"router_settings.routing_strategy: {strategy}");
                warnings.Add($"{path}: routing_strategy '{strategy}' is not modelled; FleetSim models {string.Join(" and ", ReplicaChoices.Names)} and runs simple-shuffle in its place");
            }
        }

        var settings = new LiteLlmSettings
        {
            TimeoutSeconds = timeout,
            StreamTimeoutSeconds = streamTimeout,
            Semaphores = semaphores,
            PreCallRpm = preCallChecks ? [.. replicas.Select(r => r.Rpm)] : null,
            AllowedFails = router?.Find("allowed_fails") is null ? 3 : router.Integer("allowed_fails", NumberRule.NonNegative.AtMost(1_000_000)),
            RetryAfterSeconds = router?.Find("retry_after") is null ? 0 : router.Number("retry_after", NumberRule.NonNegative.AtMost(3_600)),
            ApiRoute = route,
        };
        return new LiteLlmImport(
            called,
            replicas.Length,
            Weights(replicas),
            choice,
            cooldown,
            retries,
            settings,
            route == ApiRoute.None ? null : Sum(api.Select(a => a.Rpm)),
            route == ApiRoute.None ? null : Sum(api.Select(a => a.Tpm)),
            [.. inert],
            [.. unmodelled],
            warnings);
    }

    /// <summary>LiteLLM's simple-shuffle weighs by weight, else rpm, else tpm, else equally (simple_shuffle.py).</summary>
    private static double[]? Weights(Deployment[] replicas) =>
        replicas.Any(r => r.Weight is not null) ? [.. replicas.Select(r => r.Weight ?? 1)]
        : replicas.All(r => r.Rpm is not null) ? [.. replicas.Select(r => r.Rpm!.Value)]
        : replicas.All(r => r.Tpm is not null) ? [.. replicas.Select(r => r.Tpm!.Value)]
        : null;

    /// <summary>The groups a failed request of <paramref name="group"/> falls back to: fallbacks[group], else fallbacks["*"], else default_fallbacks.</summary>
    private static string[] Fallbacks(MappingReader router, string group)
    {
        var byGroup = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (router.Find("fallbacks") is { } node)
        {
            if (node is not YamlSequenceNode list)
            {
                throw router.Error(node, "fallbacks", $"expected a list of {{group: [fallback groups]}}, found {MappingReader.Describe(node)}");
            }
            for (int i = 0; i < list.Children.Count; i++)
            {
                if (list.Children[i] is not YamlMappingNode entry)
                {
                    throw router.Error(list.Children[i], $"fallbacks[{i}]", $"expected {{group: [fallback groups]}}, found {MappingReader.Describe(list.Children[i])}");
                }
                foreach (var (k, v) in entry.Children)
                {
                    byGroup[(k as YamlScalarNode)?.Value ?? ""] = Names(router, v, $"fallbacks[{i}]");
                }
            }
        }
        string[] defaults = router.Find("default_fallbacks") is { } d ? Names(router, d, "default_fallbacks") : [];
        return byGroup.TryGetValue(group, out string[]? mine) ? mine
            : byGroup.TryGetValue("*", out string[]? any) ? any
            : defaults;
    }

    private static string[] Names(MappingReader router, YamlNode node, string key) => node switch
    {
        YamlSequenceNode s => [.. s.Children.Select(c => (c as YamlScalarNode)?.Value ?? throw router.Error(c, key, $"expected a model group name, found {MappingReader.Describe(c)}"))],
        YamlScalarNode one when !string.IsNullOrEmpty(one.Value) => [one.Value],
        _ => throw router.Error(node, key, $"expected a list of model group names, found {MappingReader.Describe(node)}"),
    };

    private static bool Flag(MappingReader section, string key) => section.Text(key) switch
    {
        null => false,
        "true" or "True" => true,
        "false" or "False" => false,
        string other => throw section.Error(section.Required(key), key, $"expected true or false, found '{other}'"),
    };

    /// <summary>One value for every self-hosted deployment; per-deployment differences are not modelled.</summary>
    private static double? Same(IEnumerable<double?> values, string key, SortedSet<string> unmodelled)
    {
        double?[] distinct = [.. values.Distinct()];
        if (distinct.Length > 1)
        {
            unmodelled.Add($"model_list[*].litellm_params.{key} (different on the self-hosted deployments)");
        }
        return distinct.FirstOrDefault(v => v is not null);
    }

    /// <summary>
    /// The API's limit: the sum over its deployments, or none (null) if any deployment has none, since
    /// the router can send the overflow to that unlimited deployment.
    /// </summary>
    private static double? Sum(IEnumerable<double?> values)
    {
        double?[] all = [.. values];
        return all.Length == 0 || all.Any(v => v is null) ? null : all.Sum();
    }

    private static MappingReader Section(YamlSource source, YamlNode node, string key) =>
        node is YamlMappingNode map
            ? new MappingReader(source, map, key)
            : throw source.Error(node, key, $"expected a section of keys, found {MappingReader.Describe(node)}");

    private static void Sort(MappingReader section, string prefix, string[] modelled, string[] known, SortedSet<string> inert, SortedSet<string> unmodelled)
    {
        foreach (var (k, _) in section.Node.Children)
        {
            string key = (k as YamlScalarNode)?.Value ?? "";
            if (!modelled.Contains(key))
            {
                string name = $"{prefix}.{key}";
                if (!known.Contains(key) && LiteLlmKeys.UnmodelledBecause.TryGetValue(name, out string? because))
                {
                    name = $"{name} ({because})";
                }
                (known.Contains(key) ? inert : unmodelled).Add(name);
            }
        }
    }

    /// <summary>
    /// A section sorted key by key (<see cref="LiteLlmKeys.InertKeysBySection"/>): a key listed there is inert, any
    /// other unmodelled (a key that changes the route is never called harmless because it was not foreseen); a
    /// section no list covers is inert as a whole, as is a section that is not a mapping.
    /// </summary>
    private static void SortInert(YamlNode section, string prefix, SortedSet<string> inert, SortedSet<string> unmodelled)
    {
        if (section is not YamlMappingNode map || !LiteLlmKeys.InertKeysBySection.TryGetValue(prefix, out string[]? known))
        {
            inert.Add(prefix);
            return;
        }
        foreach (var (k, _) in map.Children)
        {
            string key = (k as YamlScalarNode)?.Value ?? "";
            (known.Contains(key) ? inert : unmodelled).Add($"{prefix}.{key}");
        }
    }

    private sealed record Deployment(
        YamlNode Node, string Group, int? Order, int? MaxParallel, double? Rpm, double? Tpm, double? Weight,
        double? Timeout, double? StreamTimeout, double? Cooldown);

    private static IEnumerable<Deployment> ReadModelList(YamlSource source, YamlNode node, SortedSet<string> inert, SortedSet<string> unmodelled)
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
            var outer = new MappingReader(source, entry, path);
            foreach (var (k, _) in entry.Children)
            {
                string key = (k as YamlScalarNode)?.Value ?? "";
                if (key == "model_info")
                {
                    SortInert(entry.Children[k], "model_list[*].model_info", inert, unmodelled);
                }
                else if (key is not ("model_name" or "litellm_params"))
                {
                    unmodelled.Add($"model_list[*].{key}");
                }
            }
            string group = outer.Text("model_name") ?? throw source.Error(entry, $"{path}.model_name", "is required: the model group a request names");
            MappingReader reader = outer.Mapping("litellm_params") ?? throw source.Error(entry, $"{path}.litellm_params", "is required but missing");
            Sort(reader, "model_list[*].litellm_params", LiteLlmKeys.ModelledParams, LiteLlmKeys.InertParams, inert, unmodelled);
            yield return new Deployment(
                entry,
                group,
                reader.Find("order") is null ? null : reader.Integer("order", NumberRule.NonNegative.AtMost(1000)),
                reader.Find("max_parallel_requests") is null ? null : reader.Integer("max_parallel_requests", NumberRule.AtLeastOne.AtMost(1_000_000)),
                reader.Find("rpm") is null ? null : reader.Number("rpm", NumberRule.Positive.AtMost(1e12)),
                reader.Find("tpm") is null ? null : reader.Number("tpm", NumberRule.Positive.AtMost(1e15)),
                reader.Find("weight") is null ? null : reader.Number("weight", NumberRule.Positive.AtMost(1e6)),
                reader.Find("timeout") is null ? null : reader.Number("timeout", NumberRule.Positive.AtMost(86_400)),
                reader.Find("stream_timeout") is null ? null : reader.Number("stream_timeout", NumberRule.Positive.AtMost(86_400)),
                reader.Find("cooldown_time") is null ? null : reader.Number("cooldown_time", NumberRule.NonNegative.AtMost(86_400)));
        }
    }
}
