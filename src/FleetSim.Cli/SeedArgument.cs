namespace FleetSim.Cli;

/// <summary>--seed N on the verbs that draw random numbers: the scenario's seed, as the override seed=N.</summary>
public static class SeedArgument
{
    /// <summary><paramref name="sets"/> with seed=N appended when --seed was given.</summary>
    /// <exception cref="UsageException">The seed is negative.</exception>
    public static string[] Apply(int? seed, IEnumerable<string> sets)
    {
        if (seed is not { } s)
        {
            return [.. sets];
        }
        if (s < 0)
        {
            throw new UsageException($"--seed: must be at least 0 (got {s})");
        }
        return [.. sets, $"seed={s}"];
    }
}
