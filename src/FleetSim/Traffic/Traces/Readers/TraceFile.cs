namespace FleetSim.Traffic.Traces;

/// <summary>Opens a trace file for reading as one byte stream.</summary>
internal static class TraceFile
{
    /// <summary>The file's bytes; a <see cref="TraceException"/> when it does not exist or cannot be opened.</summary>
    public static Stream Open(string path)
    {
        if (!File.Exists(path)) throw new TraceException(path, 0, "no such file");
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TraceException(path, 0, $"cannot be opened: {e.Message}");
        }
    }

    /// <summary>The file's records (see <see cref="TraceLines"/>).</summary>
    public static TraceLines Lines(string path, bool csv) => new(path, Open(path), csv);
}
