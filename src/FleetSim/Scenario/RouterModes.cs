namespace FleetSim.Scenario;

/// <summary>
/// Router mode names as users write them (a scenario's router.mode, fleetsim run --router): the one
/// list that parsing, error messages and <see cref="RouterSpec.ModeName"/> read, and that the
/// --router help is tested against.
/// </summary>
public static class RouterModes
{
    private static readonly (string Name, RouterMode Mode)[] Table =
    [
        ("spill", RouterMode.Spill),
        ("fluid", RouterMode.Fluid),
        ("queue", RouterMode.Queue),
        ("cooldown", RouterMode.Cooldown),
    ];

    /// <summary>Every mode's name, in the order help and messages list them.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Table.Select(t => t.Name)];

    /// <summary>The mode named <paramref name="name"/>, or null when the name is not one of <see cref="Names"/>.</summary>
    public static RouterMode? Parse(string name)
    {
        foreach (var (known, mode) in Table)
        {
            if (known == name)
            {
                return mode;
            }
        }
        return null;
    }

    /// <summary>The name users write for <paramref name="mode"/>.</summary>
    public static string Name(RouterMode mode) => Table.First(t => t.Mode == mode).Name;

    /// <summary>
    /// "expected 'spill', 'fluid', 'queue' or 'cooldown', found '<paramref name="found"/>'"; the caller
    /// says where (the scenario's file:line, or the flag).
    /// </summary>
    public static string Unknown(string found) =>
        $"expected {string.Join(", ", Names.SkipLast(1).Select(n => $"'{n}'"))} or '{Names[^1]}', found '{found}'";
}
