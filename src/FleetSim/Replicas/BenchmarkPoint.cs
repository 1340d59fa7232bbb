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
    /// <summary>The range a scenario's <c>replica.prefill_tokens_per_second</c> may take (the reader's), so a fitted section always reads back.</summary>
    public const double Least = Scenario.InputLimits.LeastPrefillTokensPerSecond, Most = Scenario.InputLimits.MostPrefillTokensPerSecond;

    /// <summary>
    /// P = <paramref name="inFlight"/> × <paramref name="inputTokens"/> / <paramref name="ttftSeconds"/>, or null when the
    /// prompts were empty (no input to prefill).
    /// </summary>
    /// <param name="f">The file being read, for messages.</param>
    /// <param name="ttftField">Where the mean TTFT was read, named in a refusal.</param>
    /// <exception cref="BenchmarkException">The mean TTFT is 0, or P falls outside <see cref="Least"/>…<see cref="Most"/> tok/s (a unit mistake or a broken result).</exception>
    internal static PrefillFigure? Of(int inFlight, double inputTokens, double ttftSeconds, BenchmarkFields f, string ttftField)
    {
        if (!(inputTokens > 0))
        {
            return null;
        }
        if (!(ttftSeconds > 0))
        {
            throw f.Error(ttftField, "a mean time to first token of 0 cannot be right (no request gets a token before it is prefilled); leave this result out or fix the field");
        }
        double rate = inFlight * inputTokens / ttftSeconds;
        if (!(rate >= Least && rate <= Most))
        {
            throw f.Error(ttftField,
                $"{inFlight} in flight × {BenchmarkFigures.Figure(inputTokens)} input tokens / {ttftSeconds:G3} s mean TTFT is {rate:G3} tok/s of prefill, " +
                $"outside {Least:N0} to {Most:N0} tok/s: is the TTFT in the unit the field says?");
        }
        return new PrefillFigure(rate,
            $"{inFlight} in flight × {BenchmarkFigures.Figure(inputTokens)} input tokens / {BenchmarkFigures.Figure(ttftSeconds)} s mean TTFT");
    }
}
