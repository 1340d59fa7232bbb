namespace FleetSim.Scenario;

/// <summary>Where a request goes when every attempt on the self-hosted replicas has failed.</summary>
public enum ApiRoute
{
    /// <summary>The API is a deployment of a higher order in the same model group (order fallback).</summary>
    HigherOrder,

    /// <summary>The API is reached through router_settings.fallbacks (another model group).</summary>
    Fallbacks,

    /// <summary>No route: the client gets the error, and the request is served by nobody.</summary>
    None,
}

/// <summary>
/// The LiteLLM router settings FleetSim models (router mode litellm). Defaults are LiteLLM's own,
/// from <c>litellm/router.py::Router.__init__</c> and <c>litellm/constants.py</c>.
/// </summary>
public sealed record LiteLlmSettings
{
    /// <summary>openai.DEFAULT_MAX_RETRIES, which Router.__init__ takes when num_retries is unset.</summary>
    public const int DefaultRetries = 2;

    /// <summary>litellm.request_timeout, the router's timeout when none is set: 6000 s.</summary>
    public const double DefaultTimeoutSeconds = 6000;

    /// <summary>
    /// timeout: seconds a call to the model server may take in all, from the moment the semaphore lets
    /// it through (time queued on the semaphore does not count). A non-streamed call that takes longer is aborted.
    /// </summary>
    public double TimeoutSeconds { get; init; } = DefaultTimeoutSeconds;

    /// <summary>stream_timeout: seconds a streamed call may wait for its first token; null uses <see cref="TimeoutSeconds"/>.</summary>
    public double? StreamTimeoutSeconds { get; init; }

    /// <summary>
    /// Whether clients stream (chat front ends and coding agents do; batch jobs usually do not). A
    /// streamed call is bounded by the time to its first token, a plain one by its whole length.
    /// </summary>
    public bool Streaming { get; init; } = true;

    /// <summary>
    /// Each self-hosted deployment's semaphore, in config order: max_parallel_requests, else rpm, else
    /// max(1, ⌊tpm/1000·6⌋), else default_max_parallel_requests, else unlimited (null)
    /// (<c>litellm/utils.py::calculate_max_parallel_requests</c>). Null list: every deployment unlimited.
    /// </summary>
    public IReadOnlyList<int?>? Semaphores { get; init; }

    /// <summary>
    /// Each self-hosted deployment's rpm, enforced by the pre-call check (a deployment picked rpm times
    /// in its fixed 60-second window is left out until the window ends); null when unset or when
    /// enable_pre_call_checks is off.
    /// </summary>
    public IReadOnlyList<double?>? PreCallRpm { get; init; }

    /// <summary>allowed_fails; LiteLLM's default 3 keeps the newer failure-rate cooldown rule (v2).</summary>
    public int AllowedFails { get; init; } = 3;

    /// <summary>
    /// Whether the legacy cooldown rule applies (allowed_fails set to other than 3, or an
    /// allowed_fails_policy): a deployment cools down when its failures within cooldown_time exceed allowed_fails.
    /// </summary>
    public bool CountFailures => AllowedFails != 3;

    /// <summary>retry_after: the least seconds to sleep before a retry when one must wait (default 0).</summary>
    public double RetryAfterSeconds { get; init; }

    /// <summary>How a request reaches the API once the self-hosted order has failed it.</summary>
    public ApiRoute ApiRoute { get; init; } = ApiRoute.HigherOrder;

    /// <summary>The limit on one attempt's call: the first token when streamed, the whole call otherwise.</summary>
    public double CallLimitSeconds => Streaming ? StreamTimeoutSeconds ?? TimeoutSeconds : TimeoutSeconds;
}
