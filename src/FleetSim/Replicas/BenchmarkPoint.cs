namespace FleetSim.Replicas;

/// <summary>
/// One measured point of a replica's throughput curve: with <see cref="InFlight"/> requests in flight the
/// replica processed <see cref="TokensPerSecond"/> tok/s (input + output tokens, i.e. prefill and decode, per second).
/// </summary>
/// <param name="File">The result file it came from, as given.</param>
/// <param name="Where">Which run inside the file ("benchmarks[2]", "line 3"), or null when the file holds one.</param>
/// <param name="Format">The tool that wrote it.</param>
/// <param name="InFlight">Requests in flight, at least 1: the run's fixed concurrency, or by Little's law rounded to a whole request.</param>
/// <param name="TokensPerSecond">Processed tok/s of the whole replica, positive.</param>
/// <param name="InFlightFrom">How <paramref name="InFlight"/> was found, with the figures ("max_concurrency 8", "Little's law: 2.1 req/s × 3.9 s = 8.2").</param>
/// <param name="ThroughputFrom">How <paramref name="TokensPerSecond"/> was found, with the figures ("(821,420 + 9,780 tokens) / 100 s").</param>
public sealed record BenchmarkPoint(
    string File,
    string? Where,
    BenchmarkFormat Format,
    int InFlight,
    double TokensPerSecond,
    string InFlightFrom,
    string ThroughputFrom)
{
    /// <summary>"c8.json" or "report.json benchmarks[2]": where a message or comment says the point came from.</summary>
    public string Source => Where is null ? File : $"{File} {Where}";
}
