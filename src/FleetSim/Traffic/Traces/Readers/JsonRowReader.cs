namespace FleetSim.Traffic.Traces;

/// <summary>
/// A format reader for JSON files: its records are the objects <see cref="JsonRecords"/> finds (in an array,
/// a page's "data" array or one per line), each parsed with <see cref="JsonFields"/>; there is no header.
/// </summary>
internal abstract class JsonRowReader(string path) : RowReader(path)
{
    public sealed override bool HasHeader => false;

    public sealed override bool IsCsv => false;

    /// <summary>The file's records, in file order.</summary>
    public virtual ITraceRecords Records() => new JsonRecords(TraceFile.Lines(Path, csv: false));
}
