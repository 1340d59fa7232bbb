namespace FleetSim.Cli.Verbs;

/// <summary>A verb that takes --set overrides (and --router and --allow-unmodelled, which are shorthands for two).</summary>
public interface IHasSets
{
    /// <summary>--router's help, the same on every verb.</summary>
    public const string RouterHelp = "Override the scenario's router mode: 'spill' (a request finding every slot busy goes to the API), 'fluid' (served = min(demand, capacity), the seed's arithmetic), 'queue' (an idealised gateway queue: wait for a slot on the chosen replica, fall back after router.patience_seconds), 'cooldown' (a full replica answers 429 and sits out) or 'litellm' (LiteLLM's proxy: wait on the replica's semaphore without bound, call timeout, retries, then the next order or fallbacks).";

    IEnumerable<string> Sets { get; set; }

    /// <summary>--router MODE: the scenario's router mode (router.mode=MODE).</summary>
    string? Router { get; set; }

    /// <summary>--allow-unmodelled: run although the LiteLLM config sets keys FleetSim does not model (router.allow_unmodelled=true).</summary>
    bool AllowUnmodelled { get; set; }
}
