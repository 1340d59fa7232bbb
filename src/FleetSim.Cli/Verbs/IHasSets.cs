namespace FleetSim.Cli.Verbs;

/// <summary>A verb that takes --set overrides (and --allow-unmodelled, which is one).</summary>
public interface IHasSets
{
    IEnumerable<string> Sets { get; set; }

    /// <summary>--allow-unmodelled: run although the LiteLLM config sets keys FleetSim does not model (router.allow_unmodelled=true).</summary>
    bool AllowUnmodelled { get; set; }
}
