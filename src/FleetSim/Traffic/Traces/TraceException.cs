namespace FleetSim.Traffic.Traces;

/// <summary>A trace FleetSim cannot read: the file, the line (0 for the whole file) and why.</summary>
public sealed class TraceException(string file, long line, string problem)
    : Exception(line > 0 ? $"{file}:{line}: {problem}" : $"{file}: {problem}")
{
    public string File { get; } = file;
    public long Line { get; } = line;
    public string Problem { get; } = problem;

    /// <summary>
    /// The reading option the problem is about, when it is about one rather than the file: "model", "columns"
    /// or "window". A scenario names its own key for it (trace_model, trace_columns, trace_from), the CLI its flag.
    /// </summary>
    public string? Option { get; init; }
}
