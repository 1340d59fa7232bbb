namespace FleetSim.Scenario;

/// <summary>
/// What a LiteLLM proxy config.yaml says about the fleet: the deployments of the lowest order are the
/// self-hosted replicas, those of higher orders the paid API.
/// </summary>
/// <param name="Replicas">Deployments of the lowest order: one replica each.</param>
/// <param name="MaxInFlight">Their max_parallel_requests, when given.</param>
/// <param name="Weights">Their simple-shuffle weights.</param>
/// <param name="Choice">router_settings.routing_strategy.</param>
/// <param name="CooldownSeconds">router_settings.cooldown_time.</param>
/// <param name="Retries">router_settings.num_retries.</param>
/// <param name="TimeoutSeconds">router_settings.timeout.</param>
/// <param name="ApiRequestsPerMinute">Sum of rpm over the API deployments; null (unlimited) if any has none.</param>
/// <param name="ApiTokensPerMinute">Sum of tpm over the API deployments; null (unlimited) if any has none.</param>
/// <param name="Warnings">Keys of the config that FleetSim does not model.</param>
public sealed record LiteLlmImport(
    int Replicas,
    int? MaxInFlight,
    IReadOnlyList<double> Weights,
    ReplicaChoice Choice,
    double? CooldownSeconds,
    int? Retries,
    double? TimeoutSeconds,
    double? ApiRequestsPerMinute,
    double? ApiTokensPerMinute,
    IReadOnlyList<string> Warnings);
