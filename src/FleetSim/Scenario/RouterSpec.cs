namespace FleetSim.Scenario;

/// <summary>How the router splits traffic between the self-hosted replicas and the API.</summary>
public enum RouterMode
{
    /// <summary>served = min(demand, capacity): the seed's spreadsheet arithmetic (minute engine only).</summary>
    Fluid,

    /// <summary>A request is admitted only while a slot is free, else it goes to the API at once (Erlang-B loss).</summary>
    Spill,

    /// <summary>
    /// An idealised gateway queue: the chosen replica's request waits FIFO for a slot and is never
    /// re-routed because the replica is busy; with a patience it falls back to the API after waiting that long.
    /// </summary>
    Queue,

    /// <summary>A full replica answers 429 and is cooled down; while every replica is cooling, traffic goes to the API.</summary>
    Cooldown,

    /// <summary>
    /// LiteLLM's proxy as it behaves: a request waits without bound on its deployment's
    /// max_parallel_requests semaphore; its call is bounded by timeout (stream_timeout when streamed);
    /// a call that runs past it is aborted, retried num_retries times, then sent on to the next order
    /// or the fallbacks.
    /// </summary>
    LiteLlm,
}

/// <summary>How the router picks a replica within an order (LiteLLM's routing_strategy).</summary>
public enum ReplicaChoice
{
    /// <summary>At random, in proportion to each replica's weight.</summary>
    SimpleShuffle,

    /// <summary>
    /// The replica with the fewest requests in flight (holding a slot, or LiteLLM's semaphore); requests
    /// queued behind it are invisible, as in LiteLLM; the first such replica on a tie.
    /// </summary>
    LeastBusy,
}

/// <param name="Mode">The admission rule.</param>
public sealed record RouterSpec(RouterMode Mode)
{
    /// <summary>queue: seconds a request waits for a slot before it falls back to the API; null waits as long as it takes.</summary>
    public double? PatienceSeconds { get; init; }

    /// <summary>cooldown and litellm: seconds a failed replica is left out (LiteLLM's cooldown_time, default 5).</summary>
    public double CooldownSeconds { get; init; } = 5;

    /// <summary>
    /// cooldown and litellm: further attempts after a failure before the request moves on to the API
    /// (LiteLLM's num_retries; its default is openai.DEFAULT_MAX_RETRIES = 2, Router.__init__).
    /// </summary>
    public int Retries { get; init; } = LiteLlmSettings.DefaultRetries;

    /// <summary>How a replica is picked within an order.</summary>
    public ReplicaChoice Choice { get; init; } = ReplicaChoice.SimpleShuffle;

    /// <summary>simple-shuffle weights, one per replica; null weighs every replica the same.</summary>
    public IReadOnlyList<double>? Weights { get; init; }

    /// <summary>litellm: the settings of LiteLLM's router that decide where a request goes.</summary>
    public LiteLlmSettings LiteLlm { get; init; } = new();

    /// <summary>The LiteLLM proxy config this router was imported from, if any.</summary>
    public string? LiteLlmConfig { get; init; }

    /// <summary>The mode's name as users write it (see <see cref="RouterModes"/>).</summary>
    public string ModeName => RouterModes.Name(Mode);
}
