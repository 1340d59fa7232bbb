namespace FleetSim.Reporting.Deploy;

/// <summary>
/// What `fleetsim plan` chose, as the deploy writers need it: the scaling policy, the replica count
/// the router lists, the schedule's levels, and the names the files use in the cluster.
/// </summary>
/// <param name="PolicyName">
/// The policy (<see cref="Scaling.PolicyFactory.Names"/>, or static:N): schedule writes a KEDA cron
/// ScaledObject, reactive an HPA (a KEDA ScaledObject when it scales to zero); the others only the LiteLLM config.
/// </param>
/// <param name="Replicas">Replicas the LiteLLM config lists: the static count, or the peak of a changing fleet.</param>
/// <param name="WeekdayLevels">The schedule's replicas per hour of day, Monday to Friday (24 counts), as <see cref="Scaling.Plans"/> derives them; null for other policies.</param>
/// <param name="WeekendLevels">The same for Saturday and Sunday.</param>
/// <param name="ModelGroup">LiteLLM's model_name: the group the clients call.</param>
/// <param name="DeploymentName">The Kubernetes Deployment of the model server that the autoscalers scale.</param>
public sealed record DeployChoice(
    string PolicyName,
    int Replicas,
    int[]? WeekdayLevels,
    int[]? WeekendLevels,
    string ModelGroup,
    string DeploymentName)
{
    /// <summary>LiteLLM's model for a self-hosted replica; null: <c>hosted_vllm/</c> + <see cref="ModelGroup"/>.</summary>
    public string? HostedModel { get; init; }

    /// <summary>LiteLLM's model for the paid API; null: <c>openrouter/</c> + <see cref="ModelGroup"/>.</summary>
    public string? ApiModel { get; init; }

    /// <summary>A replica's OpenAI-compatible address; <c>{i}</c> is its index from 0 (one Service per replica).</summary>
    public string ReplicaApiBase { get; init; } = "http://replica-{i}.inference.svc:8000/v1";

    /// <summary>The API's key as LiteLLM reads it: from an environment variable of the proxy, never written out.</summary>
    public string ApiKey { get; init; } = "os.environ/OPENROUTER_API_KEY";

    /// <summary>The IANA time zone the schedule's hours of day are in (KEDA cron <c>timezone</c>).</summary>
    public string TimeZone { get; init; } = "Etc/UTC";

    /// <summary>The Prometheus server KEDA's prometheus triggers query (reactive policy scaling to zero).</summary>
    public string PrometheusAddress { get; init; } = "http://prometheus-operated.monitoring.svc:9090";

    /// <summary><see cref="HostedModel"/>, or its default.</summary>
    public string HostedModelOrDefault => HostedModel ?? $"hosted_vllm/{ModelGroup}";

    /// <summary><see cref="ApiModel"/>, or its default.</summary>
    public string ApiModelOrDefault => ApiModel ?? $"openrouter/{ModelGroup}";

    /// <summary>Replica <paramref name="index"/>'s api_base.</summary>
    public string ApiBaseOf(int index) => ReplicaApiBase.Replace("{i}", index.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
