namespace FleetSim.Scenario;

/// <summary>
/// Router mode names as users write them (a scenario's router.mode, fleetsim run --router): the one
/// list that parsing, error messages and <see cref="RouterSpec.ModeName"/> read, and that the
/// --router help is tested against.
/// </summary>
public static class RouterModes
{
    private static readonly Vocabulary<RouterMode> Table = new(
        ("spill", RouterMode.Spill),
        ("fluid", RouterMode.Fluid),
        ("queue", RouterMode.Queue),
        ("cooldown", RouterMode.Cooldown),
        ("litellm", RouterMode.LiteLlm));

    /// <summary>Every name, in the order help and messages list them.</summary>
    public static IReadOnlyList<string> Names => Table.Names;

    /// <summary>The value named <paramref name="name"/>, or null when the name is not one of <see cref="Names"/>.</summary>
    public static RouterMode? Parse(string name) => Table.Parse(name);

    /// <summary>The name users write for <paramref name="mode"/>.</summary>
    public static string Name(RouterMode mode) => Table.Name(mode);

    /// <summary>
    /// Whether a request the fleet serves under <paramref name="mode"/> starts on arrival (spill and
    /// fluid), or may first wait for a slot, a retry or a cooldown (queue, cooldown, litellm): the one
    /// fact the SLO's max in flight and the routers' <c>ServesOnArrival</c> read.
    /// </summary>
    public static bool ServesOnArrival(RouterMode mode) => mode is RouterMode.Spill or RouterMode.Fluid;

    /// <summary>"expected {the names}, found '<paramref name="found"/>'"; the caller says where (the scenario's file:line, or the flag).</summary>
    public static string Unknown(string found) => Table.Unknown(found);
}
