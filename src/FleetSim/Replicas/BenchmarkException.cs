namespace FleetSim.Replicas;

/// <summary>
/// A benchmark result FleetSim cannot turn into a curve point, or points that make no curve: one line
/// naming the file and the field (or the two files, or the two points) and why. The command line maps it to exit code 2.
/// </summary>
public sealed class BenchmarkException(string message) : Exception(message)
{
    /// <summary>"FILE: FIELD: PROBLEM", or "FILE: PROBLEM" when <paramref name="field"/> is null or empty.</summary>
    public static BenchmarkException In(string file, string? field, string problem) =>
        new(string.IsNullOrEmpty(field) ? $"{file}: {problem}" : $"{file}: {field}: {problem}");
}
