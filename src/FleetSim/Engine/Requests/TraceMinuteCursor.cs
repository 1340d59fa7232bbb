using FleetSim.Traffic.Traces;

namespace FleetSim.Engine.Requests;

/// <summary>One trace request (or an aggregate row's share of a minute) as a replay sees it within its trace minute.</summary>
/// <param name="Offset">Seconds into the minute, scaled to 0–60; NaN for an aggregate row's share, whose times are not recorded.</param>
/// <param name="Size">Processed tokens per request.</param>
/// <param name="Count">Requests (1, or an aggregate row's share of its bucket).</param>
internal readonly record struct TraceMinuteEntry(double Offset, double Size, double Count);

/// <summary>
/// A trace's requests minute by minute, streamed from the file again (in constant memory), for trace
/// minutes asked for in cyclic order (a replay starts anywhere and wraps from the last minute to
/// minute 0, when the file is read again from the start). Minutes are the profile's: rows past the
/// last minute fall in it, and its offsets are scaled from the seconds it covers to 60. Disposing it
/// closes the file (and stops the reader's parsing thread).
/// </summary>
internal sealed class TraceMinuteCursor(TraceProfile profile) : IDisposable
{
    /// <summary>A trace of at most this many rows is read once and kept (24 bytes a row), not read again on every pass.</summary>
    public const long KeptRows = 2_000_000;

    private readonly Dictionary<int, List<TraceMinuteEntry>> _ahead = [];
    private List<TraceMinuteEntry>[]? _kept;
    private IEnumerator<TraceRequest>? _rows;
    private int _next;
    private int _lastStart;

    /// <summary>The entries of trace minute <paramref name="minute"/>; not to be changed, and (for a long trace) reused after the next call.</summary>
    public List<TraceMinuteEntry> Minute(int minute)
    {
        if (profile.Stats.Rows <= KeptRows)
        {
            _kept ??= KeepAll();
            return _kept[minute];
        }
        if (_rows is null || minute < _next)
        {
            _rows?.Dispose();
            _rows = TraceReader.Read(profile.Path, profile.Options, new TraceStats()).GetEnumerator();
            _ahead.Clear();
            _lastStart = -1;
        }
        _next = minute + 1;
        // Rows come in time order: once one starts after this minute, the minute is complete.
        while (_lastStart <= minute && _rows.MoveNext())
        {
            _lastStart = Math.Min((int)((profile.LeadSeconds + Math.Max(0, _rows.Current.Seconds)) / 60.0), profile.Minutes - 1);
            Place(_rows.Current, minute);
        }
        foreach (int done in _ahead.Keys.Where(k => k < minute).ToList())
        {
            _ahead.Remove(done);
        }
        return _ahead.Remove(minute, out List<TraceMinuteEntry>? entries) ? entries : [];
    }

    /// <summary>Every minute's entries, from one read of the file.</summary>
    private List<TraceMinuteEntry>[] KeepAll()
    {
        foreach (TraceRequest r in TraceReader.Read(profile.Path, profile.Options, new TraceStats()))
        {
            Place(r, 0);
        }
        var kept = new List<TraceMinuteEntry>[profile.Minutes];
        for (int m = 0; m < kept.Length; m++)
        {
            kept[m] = _ahead.Remove(m, out List<TraceMinuteEntry>? entries) ? entries : [];
        }
        return kept;
    }

    public void Dispose()
    {
        _rows?.Dispose();
        _rows = null;
    }

    private void Place(TraceRequest r, int from)
    {
        if (r.Count == 0)
        {
            return; // an idle row: nothing arrives
        }
        int last = profile.Minutes - 1;
        double at = profile.LeadSeconds + Math.Max(0, r.Seconds);
        if (r.SpreadSeconds <= 0)
        {
            int m = Math.Min((int)(at / 60.0), last);
            double covered = m == last ? profile.LastMinuteSeconds : 60.0;
            Add(m, from, new TraceMinuteEntry(Math.Min((at - 60.0 * m) * 60.0 / covered, 59.999999), r.ProcessedTokens / r.Count, r.Count));
            return;
        }
        double end = at + r.SpreadSeconds;
        for (int m = (int)(at / 60.0); m * 60.0 < end; m++)
        {
            double share = TraceMinuteBins.ShareOfMinute(at, r.SpreadSeconds, m);
            Add(Math.Min(m, last), from, new TraceMinuteEntry(double.NaN, r.ProcessedTokens / r.Count, r.Count * share));
        }
    }

    private void Add(int minute, int from, TraceMinuteEntry entry)
    {
        if (minute < from)
        {
            return;
        }
        if (!_ahead.TryGetValue(minute, out List<TraceMinuteEntry>? list))
        {
            _ahead[minute] = list = [];
        }
        list.Add(entry);
    }
}
