namespace FleetSim.Traffic.Traces;

/// <summary>
/// A trace file's data records in file order, each as UTF-8 bytes with the number of the line it starts
/// on: lines and CSV records (<see cref="TraceLines"/>), or the objects of a JSON document (<see cref="JsonRecords"/>).
/// </summary>
internal interface ITraceRecords : IDisposable
{
    /// <summary>The first line number (1-based) of the record last returned by <see cref="Next"/>.</summary>
    long Line { get; }

    /// <summary>"gzip" or "zstd" when the file is compressed, else null.</summary>
    string? Compression { get; }

    /// <summary>The next record, valid until the next call; false at the end of the file.</summary>
    bool Next(out ReadOnlySpan<byte> record);

    /// <summary>The exception to throw for a problem met at <paramref name="line"/>, or the compressed stream's damage when it has some.</summary>
    TraceException Fail(long line, string why);

    /// <summary>The exception to throw for <paramref name="problem"/>, or the compressed stream's damage when it has some.</summary>
    TraceException Fail(TraceException problem);
}
