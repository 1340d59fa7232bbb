namespace FleetSim.Traffic.Traces;

/// <summary>
/// Rows parsed in file order, handed from the parsing thread to the ordering one: each kept row with its
/// first line number, what was counted on the way, and how the batch ends (more to come, the end of the
/// file, or the error that stopped the read after these rows).
/// </summary>
internal sealed class RowBatch(int capacity)
{
    /// <summary>The rows kept, in file order (the first <see cref="Count"/>).</summary>
    public RawRow[] Rows { get; } = new RawRow[capacity];

    /// <summary>Each row's first line.</summary>
    public long[] Lines { get; } = new long[capacity];

    public int Count { get; set; }

    /// <summary>Data rows read into this batch (kept, skipped as bad, or of another model).</summary>
    public long RowsRead { get; set; }

    public long BadRows { get; set; }

    public long OtherModelRows { get; set; }

    /// <summary>Whether the trace's stamps were dates, and carried a zone, as of the batch's last row.</summary>
    public bool Dated { get; set; }

    public bool Zoned { get; set; }

    /// <summary>True when the file ends after these rows, or <see cref="Error"/> stops it.</summary>
    public bool End { get; set; }

    /// <summary>What stopped the read after these rows, if anything.</summary>
    public Exception? Error { get; set; }

    public bool IsFull => Count == Rows.Length;

    public void Clear()
    {
        Count = 0;
        RowsRead = BadRows = OtherModelRows = 0;
        End = false;
        Error = null;
    }
}
