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
    /// <summary>
    /// The replica's prefill rate this run implies, when it saved its mean time to first token: FleetSim's
    /// model shares prefill among the requests in flight (TTFT = fresh input × n / P), so
    /// P = n × mean input tokens / mean TTFT; null when the result has no TTFT.
    /// </summary>
    public PrefillFigure? Prefill { get; init; }

    /// <summary>"c8.json" or "report.json benchmarks[2]": where a message or comment says the point came from.</summary>
    public string Source => Where is null ? File : $"{File} {Where}";
}

/// <summary>A prefill rate read off a benchmark run (<see cref="BenchmarkPoint.Prefill"/>).</summary>
/// <param name="TokensPerSecond">Input tokens prefilled per second by the whole replica.</param>
/// <param name="From">The figures behind it ("1 in flight × 82,120 input tokens / 1.6 s mean TTFT").</param>
public sealed record PrefillFigure(double TokensPerSecond, string From)
{
    /// <summary>
    /// P = <paramref name="inFlight"/> × <paramref name="inputTokens"/> / <paramref name="ttftSeconds"/>, or null when
    /// either figure is not positive (a run that saved no TTFT, or one of empty prompts).
    /// </summary>
    public static PrefillFigure? Of(int inFlight, double inputTokens, double ttftSeconds) =>
        inputTokens > 0 && ttftSeconds > 0 && double.IsFinite(inputTokens / ttftSeconds)
            ? new PrefillFigure(inFlight * inputTokens / ttftSeconds,
                $"{inFlight} in flight × {BenchmarkFigures.Figure(inputTokens)} input tokens / {BenchmarkFigures.Figure(ttftSeconds)} s mean TTFT")
            : null;
}
