namespace FleetSim.Traffic.Traces;

/// <summary>
/// A first-in first-out run of rows whose times never decrease, stored in 12 bytes a row: the tick step from
/// the row before and the two token counts as 32-bit whole numbers, in 4,096-row chunks that are recycled.
/// A row that does not fit that (a long step, fractional or huge counts, an aggregate or cached-token row)
/// is kept whole in a side queue, in the same order. Holding an hour of a dense trace this way stays small.
/// </summary>
internal sealed class SortedRun
{
    private const int ChunkRows = 4096;
    private const uint Whole = uint.MaxValue;

    private readonly Queue<Entry[]> _chunks = new();
    private readonly Queue<RawRow> _whole = new();
    private Entry[] _tail = [];
    private Entry[]? _spare;
    private int _headIndex, _tailIndex = ChunkRows;
    private long _headBase, _tailTicks;

    /// <summary>Rows held.</summary>
    public int Count { get; private set; }

    /// <summary>The time of the first row (when <see cref="Count"/> is not 0).</summary>
    public long HeadTicks
    {
        get
        {
            var entry = _chunks.Peek()[_headIndex];
            return entry.Step == Whole ? _whole.Peek().Ticks : _headBase + entry.Step;
        }
    }

    /// <summary>Adds a row at the end; its time must not be before the last row added.</summary>
    public void Append(in RawRow row)
    {
        if (_tailIndex == ChunkRows)
        {
            _tail = _spare ?? new Entry[ChunkRows];
            _spare = null;
            _chunks.Enqueue(_tail);
            _tailIndex = 0;
        }
        var step = row.Ticks - _tailTicks;
        _tailTicks = row.Ticks;
        Count++;
        if (step is >= 0 and < Whole && row is { Count: 1, Cached: 0, Spread: 0, Failed: false }
            && Fits(row.Input, out var input) && Fits(row.Output, out var output))
        {
            _tail[_tailIndex++] = new Entry((uint)step, input, output);
            return;
        }
        _tail[_tailIndex++] = new Entry(Whole, 0, 0);
        _whole.Enqueue(row);
    }

    /// <summary>Removes and returns the first row (when <see cref="Count"/> is not 0).</summary>
    public RawRow Take()
    {
        var entry = _chunks.Peek()[_headIndex++];
        var row = entry.Step == Whole ? _whole.Dequeue() : new RawRow(_headBase + entry.Step, entry.Input, entry.Output);
        _headBase = row.Ticks;
        Count--;
        if (_headIndex == ChunkRows)
        {
            _spare = _chunks.Dequeue();
            _headIndex = 0;
        }
        return row;
    }

    private static bool Fits(double tokens, out uint whole)
    {
        whole = tokens is >= 0 and < Whole ? (uint)tokens : 0;
        return whole == tokens;
    }

    private readonly record struct Entry(uint Step, uint Input, uint Output);
}
