using System.Runtime.CompilerServices;

namespace FleetSim.Traffic.Traces;

/// <summary>
/// Puts rows back in time order within a window: a row is held until the latest time seen is more than
/// the window past it (or the buffer is full), then released earliest first. Rows in order wait in a
/// compact <see cref="SortedRun"/>; a row behind a later-stamped one waits in a min-heap. A row too far
/// behind to be put in order is refused with the reason.
/// </summary>
internal sealed class ReorderWindow(long windowTicks, int capacity)
{
    private readonly SortedRun _run = new();
    private readonly PriorityQueue<RawRow, (long Ticks, long Arrival)> _late = new();
    private long _arrivals;
    private long _released = long.MinValue;
    private long _releaseBelow = long.MinValue;

    /// <summary>The latest time seen (long.MinValue before the first row).</summary>
    public long Latest { get; private set; } = long.MinValue;

    /// <summary>Rows held.</summary>
    public int Count => _run.Count + _late.Count;

    /// <summary>
    /// Notes a row's time. Null when it can be put in order (<paramref name="behind"/>: how far it is behind
    /// the latest time, 0 when in order); otherwise why not.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? Admit(long ticks, out long behind)
    {
        behind = Latest == long.MinValue ? 0 : Math.Max(0, Latest - ticks);
        if (behind > windowTicks)
        {
            return $"out of order by {Duration(behind)} (more than the {Window} reorder window): sort the file by its time column first";
        }
        if (ticks < _released)
        {
            return $"out of order by {Duration(behind)}, behind rows already passed on because more than {capacity:N0} rows fell " +
                   $"within the {Window} reorder window: sort the file by its time column first";
        }
        if (ticks > Latest)
        {
            Latest = ticks;
            _releaseBelow = ticks - windowTicks;
        }
        return null;
    }

    /// <summary>Holds an admitted row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(in RawRow row)
    {
        if ((_late.Count == 0 && _run.Count == 0) || row.Ticks >= Latest) _run.Append(row);
        else _late.Enqueue(row, (row.Ticks, _arrivals));
        _arrivals++;
    }

    /// <summary>
    /// The earliest row held, when it may go: it is more than the window behind the latest time, the buffer
    /// is over capacity, or <paramref name="draining"/> (the file has ended).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryTake(bool draining, out RawRow row)
    {
        if (_late.Count == 0)
        {
            if (_run.Count == 0 || (!draining && _run.HeadTicks >= _releaseBelow && _run.Count <= capacity))
            {
                row = default;
                return false;
            }
            row = _run.Take();
        }
        else
        {
            var fromRun = _run.Count > 0 && _run.HeadTicks <= _late.Peek().Ticks;
            var ticks = fromRun ? _run.HeadTicks : _late.Peek().Ticks;
            if (!draining && ticks >= _releaseBelow && Count <= capacity)
            {
                row = default;
                return false;
            }
            row = fromRun ? _run.Take() : _late.Dequeue();
        }
        _released = row.Ticks;
        return true;
    }

    private string Window => $"{windowTicks / (double)TimeSpan.TicksPerHour:0.##} h";

    /// <summary>A span of ticks as people read it: hours (two decimals), minutes or seconds.</summary>
    private static string Duration(long ticks)
    {
        var seconds = ticks / (double)TimeSpan.TicksPerSecond;
        return seconds >= 3600 ? $"{seconds / 3600:0.00} h" : seconds >= 60 ? $"{seconds / 60:0.#} min" : $"{seconds:0.###} s";
    }
}
