namespace FleetSim.Traffic.Traces;

/// <summary>A trace FleetSim cannot read: the file, the line (0 for the whole file) and why.</summary>
public sealed class TraceException(string file, long line, string problem)
    : Exception(line > 0 ? $"{file}:{line}: {problem}" : $"{file}: {problem}")
{
    public string File { get; } = file;
    public long Line { get; } = line;
    public string Problem { get; } = problem;
}
