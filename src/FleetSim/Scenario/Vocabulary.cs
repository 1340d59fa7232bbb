namespace FleetSim.Scenario;

/// <summary>
/// The names users write for the values of an enum (router modes, replica choices, trace formats):
/// one table that parsing, naming and error messages all read, so help and validation cannot drift.
/// </summary>
/// <typeparam name="T">The enum the names stand for.</typeparam>
public sealed class Vocabulary<T>(params (string Name, T Value)[] table) where T : struct, Enum
{
    /// <summary>Every name, in the order help and messages list them.</summary>
    public IReadOnlyList<string> Names { get; } = [.. table.Select(t => t.Name)];

    /// <summary>The value named <paramref name="name"/> (exact, case-sensitive), or null when it is not one of <see cref="Names"/>.</summary>
    public T? Parse(string name)
    {
        foreach (var (known, value) in table)
        {
            if (known == name)
            {
                return value;
            }
        }
        return null;
    }

    /// <summary>The name users write for <paramref name="value"/>.</summary>
    public string Name(T value) => table.First(t => EqualityComparer<T>.Default.Equals(t.Value, value)).Name;

    /// <summary>"expected 'a', 'b' or 'c', found '<paramref name="found"/>'"; the caller says where (the file:line, or the flag).</summary>
    public string Unknown(string found) =>
        $"expected {string.Join(", ", Names.SkipLast(1).Select(n => $"'{n}'"))} or '{Names[^1]}', found '{found}'";
}
