namespace FleetSim.Scenario;

/// <summary>
/// Replica choice names as users write them (a scenario's router.strategy, a LiteLLM config's
/// routing_strategy): the one list that parsing and error messages read.
/// </summary>
public static class ReplicaChoices
{
    private static readonly Vocabulary<ReplicaChoice> Table = new(
        ("simple-shuffle", ReplicaChoice.SimpleShuffle),
        ("least-busy", ReplicaChoice.LeastBusy));

    /// <summary>Every name, in the order help and messages list them.</summary>
    public static IReadOnlyList<string> Names => Table.Names;

    /// <summary>The value named <paramref name="name"/>, or null when the name is not one of <see cref="Names"/>.</summary>
    public static ReplicaChoice? Parse(string name) => Table.Parse(name);

    /// <summary>The name users write for <paramref name="choice"/>.</summary>
    public static string Name(ReplicaChoice choice) => Table.Name(choice);

    /// <summary>"expected {the names}, found '<paramref name="found"/>'"; the caller says where (the scenario's file:line, or the flag).</summary>
    public static string Unknown(string found) => Table.Unknown(found);
}
