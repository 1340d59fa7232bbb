using System.Globalization;
using FleetSim.Scenario;
using YamlDotNet.RepresentationModel;

namespace FleetSim.Reporting.Deploy;

/// <summary>
/// Writes a LiteLLM proxy config.yaml for a fleet: the replicas as self-hosted deployments of one model
/// group at order 1, the paid API at order 2 (or through <c>fallbacks</c>, or not at all, as the
/// scenario's router reaches it), and the router_settings FleetSim's litellm router reads
/// (docs/routers/litellm.md). FleetSim's own import (<c>router.litellm_config</c>) reads the file back
/// with no unmodelled key; under router mode litellm a scenario pointing at it runs the same router
/// as the scenario it came from.
/// </summary>
public static class LiteLlmProxyConfig
{
    /// <summary>The file's name under the deploy folder.</summary>
    public const string FileName = "litellm-config.yaml";

    /// <summary>
    /// The config text for <paramref name="choice"/>.<see cref="DeployChoice.Replicas"/> replicas of
    /// <paramref name="scenario"/>'s replica behind its router and API.
    /// </summary>
    /// <remarks>
    /// Per replica: <c>max_parallel_requests</c> is the scenario's LiteLLM semaphore under router mode
    /// litellm (none when the scenario has none: calls then queue inside the replica, as simulated), and
    /// the replica's max_in_flight under the other modes; <c>rpm</c> (enforced by <c>enable_pre_call_checks</c>) is the
    /// scenario's pre-call rpm under litellm, and under the other modes, which spill to the API when the
    /// replicas are busy, ⌊tok/s × 60 ÷ processed tokens per request⌋ (at least 1): about the requests a
    /// replica serves in a minute, so the overflow reaches the API instead of waiting (LiteLLM never
    /// re-routes a request because its replica is busy). Per-replica lists shorter than the count are
    /// read as the request engine reads them: the last entry for the replicas past the end.
    /// </remarks>
    /// <exception cref="ArgumentException">The replica count is below 1.</exception>
    public static string Write(ScenarioSpec scenario, DeployChoice choice)
    {
        if (choice.Replicas < 1)
        {
            throw new ArgumentException(
                $"a fleet of {choice.Replicas} replicas sends everything to the API: there is no self-hosted deployment to write (a LiteLLM config whose only deployment is the API would be read back as one replica)",
                nameof(choice));
        }
        RouterSpec router = scenario.Router;
        LiteLlmSettings settings = router.LiteLlm;
        bool litellm = router.Mode == RouterMode.LiteLlm;
        ApiRoute route = litellm ? settings.ApiRoute : ApiRoute.HigherOrder;
        double? capacityRpm = litellm ? null : RequestsPerMinute(scenario);
        bool shuffle = router.Choice == ReplicaChoice.SimpleShuffle;

        var models = new YamlSequenceNode();
        for (int i = 0; i < choice.Replicas; i++)
        {
            int? parallel = litellm ? At(settings.Semaphores, i) : scenario.Replica.MaxInFlight;
            double? rpm = litellm ? At(settings.PreCallRpm, i) : capacityRpm;
            var parameters = new YamlMappingNode
            {
                { "model", DeployYaml.Text(choice.HostedModelOrDefault) },
                { "api_base", DeployYaml.Text(choice.ApiBaseOf(i)) },
                { "order", DeployYaml.Number(1) },
            };
            // Without max_parallel_requests LiteLLM would take rpm as the semaphore: write both or neither.
            if ((parallel ?? (rpm is null ? null : scenario.Replica.MaxInFlight)) is { } semaphore)
            {
                parameters.Add("max_parallel_requests", DeployYaml.Number(semaphore));
            }
            if (rpm is { } limit)
            {
                parameters.Add("rpm", DeployYaml.Number(limit));
            }
            // simple-shuffle weighs by weight, else rpm: an explicit weight keeps the scenario's weights (equal when it has none).
            if (shuffle && (rpm is not null || router.Weights is not null))
            {
                parameters.Add("weight", DeployYaml.Number(router.Weights is { Count: > 0 } w ? w[Math.Min(i, w.Count - 1)] : 1.0));
            }
            models.Add(new YamlMappingNode { { "model_name", DeployYaml.Text(choice.ModelGroup) }, { "litellm_params", parameters } });
        }
        string apiGroup = $"{choice.ModelGroup}-api";
        if (route != ApiRoute.None)
        {
            var api = new YamlMappingNode
            {
                { "model", DeployYaml.Text(choice.ApiModelOrDefault) },
                { "api_key", DeployYaml.Text(choice.ApiKey) },
            };
            if (route == ApiRoute.HigherOrder)
            {
                api.Add("order", DeployYaml.Number(2));
            }
            if (scenario.Api.RequestsPerMinute is { } apiRpm)
            {
                api.Add("rpm", DeployYaml.Number(apiRpm));
            }
            if (scenario.Api.TokensPerMinute is { } apiTpm)
            {
                api.Add("tpm", DeployYaml.Number(apiTpm));
            }
            models.Add(new YamlMappingNode
            {
                { "model_name", DeployYaml.Text(route == ApiRoute.HigherOrder ? choice.ModelGroup : apiGroup) },
                { "litellm_params", api },
            });
        }

        var routerSettings = new YamlMappingNode
        {
            { "routing_strategy", DeployYaml.Text(ReplicaChoices.Name(router.Choice)) },
            // Needed for rpm to be checked, and for order to work on releases before LiteLLM PR #24611.
            { "enable_pre_call_checks", DeployYaml.Flag(true) },
            { "num_retries", DeployYaml.Number(litellm ? router.Retries : LiteLlmSettings.DefaultRetries) },
            { "timeout", DeployYaml.Number(settings.TimeoutSeconds) },
        };
        if (litellm && settings.StreamTimeoutSeconds is { } streamTimeout)
        {
            routerSettings.Add("stream_timeout", DeployYaml.Number(streamTimeout));
        }
        routerSettings.Add("cooldown_time", DeployYaml.Number(litellm ? router.CooldownSeconds : 5));
        routerSettings.Add("allowed_fails", DeployYaml.Number(settings.AllowedFails));
        if (settings.RetryAfterSeconds > 0)
        {
            routerSettings.Add("retry_after", DeployYaml.Number(settings.RetryAfterSeconds));
        }
        if (route == ApiRoute.Fallbacks)
        {
            routerSettings.Add("fallbacks", new YamlSequenceNode(new YamlMappingNode { { choice.ModelGroup, new YamlSequenceNode(DeployYaml.Text(apiGroup)) } }));
        }

        var root = new YamlMappingNode { { "model_list", models }, { "router_settings", routerSettings } };
        return DeployYaml.Write(root, Header(scenario, choice, route, capacityRpm));
    }

    /// <summary>⌊tok/s × 60 ÷ processed tokens per request⌋, at least 1: requests a replica serves in a minute.</summary>
    private static double RequestsPerMinute(ScenarioSpec scenario) =>
        Math.Max(1, Math.Floor(scenario.Replica.Throughput.Value * 60 / scenario.Traffic.RequestMix.ProcessedTokens));

    private static T? At<T>(IReadOnlyList<T?>? list, int i)
        where T : struct =>
        list is { Count: > 0 } ? list[Math.Min(i, list.Count - 1)] : null;

    private static IEnumerable<string> Header(ScenarioSpec scenario, DeployChoice choice, ApiRoute route, double? capacityRpm)
    {
        yield return $"LiteLLM proxy config written by FleetSim from scenario '{scenario.Name}', policy {choice.PolicyName}:";
        yield return $"{choice.Replicas} self-hosted replicas of model group '{choice.ModelGroup}' at order 1 ({scenario.Replica.Gpus} GPUs each),";
        yield return route switch
        {
            ApiRoute.HigherOrder => "the paid API at order 2 for what they do not take.",
            ApiRoute.Fallbacks => $"the paid API as model group '{choice.ModelGroup}-api', reached through router_settings.fallbacks.",
            _ => "and no route to the API: a request that fails on the replicas is an error to the client.",
        };
        if (scenario.Router.Mode != RouterMode.LiteLlm)
        {
            yield return $"The scenario's router mode is {scenario.Router.ModeName}, which LiteLLM has no exact form of: here each replica";
            yield return $"is skipped once picked rpm = {capacityRpm?.ToString(CultureInfo.InvariantCulture)} times in a minute (what it serves), so overflow reaches the API.";
            yield return "FleetSim reads this file back as router mode litellm (router.litellm_config); its bill can differ from the scenario's.";
        }
        else if (scenario.Router.LiteLlm.Semaphores is not { Count: > 0 })
        {
            yield return "No max_parallel_requests, as in the scenario: LiteLLM forwards every call, and calls queue inside the replica.";
        }
        if (scenario.Router.Mode == RouterMode.LiteLlm && !scenario.Router.LiteLlm.Streaming)
        {
            yield return "The scenario's clients do not stream: a scenario importing this file needs router.streaming: false to match it.";
        }
        if (choice.PolicyName is "schedule" or "reactive" or "predictive" or "oracle")
        {
            yield return $"The fleet scales ({choice.PolicyName}) up to these {choice.Replicas}: a deployment whose pod is not running fails its calls and cools down.";
        }
        yield return "Secrets are read from the proxy's environment (os.environ/...), never written here.";
    }
}
