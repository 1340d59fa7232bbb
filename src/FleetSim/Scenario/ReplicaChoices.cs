namespace FleetSim.Scenario;

/// <summary>
/// Replica choice names as users write them (a scenario's router.strategy, a LiteLLM config's
/// routing_strategy): the one list that parsing and error messages read.
/// </summary>
public static class ReplicaChoices
{
    private static readonly (string Name, ReplicaChoice Choice)[] Table =
    [
        ("simple-shuffle", ReplicaChoice.SimpleShuffle),
        ("least-busy", ReplicaChoice.LeastBusy),
    ];

    /// <summary>Every choice's name, in the order messages list them.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Table.Select(t => t.Name)];

    /// <summary>The choice named <paramref name="name"/>, or null when the name is not one of <see cref="Names"/>.</summary>
    public static ReplicaChoice? Parse(string name)
    {
        foreach (var (known, choice) in Table)
        {
            if (known == name)
            {
                return choice;
            }
        }
        return null;
    }

    /// <summary>The name users write for <paramref name="choice"/>.</summary>
    public static string Name(ReplicaChoice choice) => Table.First(t => t.Choice == choice).Name;

    /// <summary>
    /// "expected 'simple-shuffle' or 'least-busy', found '<paramref name="found"/>'"; the caller says where.
    /// </summary>
    public static string Unknown(string found) =>
        $"expected {string.Join(", ", Names.SkipLast(1).Select(n => $"'{n}'"))} or '{Names[^1]}', found '{found}'";
}
