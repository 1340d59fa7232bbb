namespace FleetSim.Scenario;

/// <summary>How the router splits traffic between the self-hosted replicas and the API.</summary>
public enum RouterMode
{
    /// <summary>served = min(demand, capacity): the seed's spreadsheet arithmetic (minute engine only).</summary>
    Fluid,

    /// <summary>A request is admitted only while a slot is free, else it goes to the API at once (Erlang-B loss).</summary>
    Spill,

    /// <summary>
    /// LiteLLM's max_parallel_requests: the chosen replica's request waits FIFO for a slot and is never
    /// re-routed because the replica is busy; with a timeout it falls back to the API after waiting that long.
    /// </summary>
    Queue,

    /// <summary>A full replica answers 429 and is cooled down; while every replica is cooling, traffic goes to the API.</summary>
    Cooldown,
}

/// <summary>How the router picks a replica within an order (LiteLLM's routing_strategy).</summary>
public enum ReplicaChoice
{
    /// <summary>At random, in proportion to each replica's weight.</summary>
    SimpleShuffle,

    /// <summary>The replica with the fewest requests in flight (and queued); the first such on a tie.</summary>
    LeastBusy,
}

/// <param name="Mode">The admission rule.</param>
public sealed record RouterSpec(RouterMode Mode)
{
    /// <summary>queue: seconds a request waits for a slot before it falls back to the API; null waits as long as it takes.</summary>
    public double? TimeoutSeconds { get; init; }

    /// <summary>cooldown: seconds a replica that answered 429 is left out (LiteLLM's cooldown_time, default 5).</summary>
    public double CooldownSeconds { get; init; } = 5;

    /// <summary>cooldown: further replicas tried after a 429 before the request goes to the API (num_retries).</summary>
    public int Retries { get; init; }

    /// <summary>How a replica is picked within an order.</summary>
    public ReplicaChoice Choice { get; init; } = ReplicaChoice.SimpleShuffle;

    /// <summary>simple-shuffle weights, one per replica; null weighs every replica the same.</summary>
    public IReadOnlyList<double>? Weights { get; init; }

    /// <summary>The LiteLLM proxy config this router was imported from, if any.</summary>
    public string? LiteLlmConfig { get; init; }

    /// <summary>The mode's name as users write it (see <see cref="RouterModes"/>).</summary>
    public string ModeName => RouterModes.Name(Mode);
}
