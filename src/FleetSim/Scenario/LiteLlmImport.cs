namespace FleetSim.Scenario;

/// <summary>
/// What a LiteLLM proxy config.yaml says about the fleet. The requests call one model group; its
/// lowest-order deployments are the self-hosted replicas, and the paid API is reached at a higher
/// order of the same group or through the group's fallbacks.
/// </summary>
/// <param name="Group">The model group the traffic calls.</param>
/// <param name="Replicas">Self-hosted deployments: one replica each.</param>
/// <param name="Weights">Their simple-shuffle weights (weight, else rpm, else tpm, else equal).</param>
/// <param name="Choice">router_settings.routing_strategy.</param>
/// <param name="CooldownSeconds">cooldown_time (0 with disable_cooldowns).</param>
/// <param name="Retries">num_retries (router_settings, else litellm_settings, else LiteLLM's 2).</param>
/// <param name="Settings">The rest of what decides where a request goes.</param>
/// <param name="ApiRequestsPerMinute">Sum of rpm over the API deployments; null (unlimited) if any has none.</param>
/// <param name="ApiTokensPerMinute">Sum of tpm over the API deployments; null (unlimited) if any has none.</param>
/// <param name="Inert">Keys present that change nothing FleetSim computes.</param>
/// <param name="Unmodelled">Keys present that would change the answer but are not modelled.</param>
/// <param name="Warnings">What the user should know about the import.</param>
public sealed record LiteLlmImport(
    string Group,
    int Replicas,
    IReadOnlyList<double>? Weights,
    ReplicaChoice Choice,
    double CooldownSeconds,
    int Retries,
    LiteLlmSettings Settings,
    double? ApiRequestsPerMinute,
    double? ApiTokensPerMinute,
    IReadOnlyList<string> Inert,
    IReadOnlyList<string> Unmodelled,
    IReadOnlyList<string> Warnings);
