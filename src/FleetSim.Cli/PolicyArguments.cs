using FleetSim.Scaling;

namespace FleetSim.Cli;

/// <summary>Reads and checks --policies before anything runs, so a typo is one line and exit code 2.</summary>
public static class PolicyArguments
{
    /// <summary>--policies a,b,... as names (null when not given), each checked.</summary>
    /// <exception cref="UsageException">The list is empty, a name is unknown or named twice.</exception>
    public static string[]? Parse(string? policies)
    {
        string[]? names = policies?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names is { Length: 0 })
        {
            throw new UsageException("--policies: name at least one policy");
        }
        Check(names);
        return names;
    }

    public static void Check(IEnumerable<string>? policies)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string p in policies ?? [])
        {
            if (!seen.Add(p))
            {
                throw new UsageException($"--policies: '{p}' is named twice: each policy runs once");
            }
            try
            {
                PolicyFactory.Validate(p);
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"--policies: {e.Message}");
            }
        }
    }
}
