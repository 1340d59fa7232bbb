using System.Runtime.CompilerServices;

namespace FleetSim.Traffic.Traces;

/// <summary>Token and request totals of a trace.</summary>
internal readonly record struct TraceTotals(long Requests, double Input, double Cached, double Output);

/// <summary>
/// A trace's tokens summed by minute from its earliest request, as rows stream past (in time order,
/// from 0 s), with what its length needs: the last stamps, the row count and the end of the last
/// aggregate bucket. An aggregate row's tokens are spread evenly over the minutes its bucket overlaps.
/// </summary>
/// <remarks>A trace spans at most five years (the reader refuses a row further from the first), so the
/// table holds at most two numbers per minute of five years (42 MB). Called once per request of multi-million-row files, often in a short process: written for
/// the optimizing compiler from its first call, with no allocation but the minute table's growth.</remarks>
/// <param name="lead">Seconds from the start of the trace's window to its earliest row (0 without a window).</param>
internal sealed class TraceMinuteBins(double lead = 0)
{
    /// <summary>Gaps at the end of the trace that estimate how long after its last row it ends.</summary>
    public const int EndGaps = 100;

    /// <summary>A gap longer than this (an hour) is a pause in the traffic, not its pace, and is left out of the end's estimate.</summary>
    public const double PauseSeconds = 3600;

    private readonly double[] _recent = new double[EndGaps + 1];
    private double[] _tokens = new double[1440];
    private double[] _squares = new double[1440];
    private int _minutes;
    private int _ring;
    private double _last, _bucketEnd;
    private long _rows, _requests;
    private bool _buckets;
    private double _input, _cached, _output;

    public TraceTotals Totals => new(_requests, _input, _cached, _output);

    /// <summary>Seconds from the window's start (the earliest row without one) to the latest row.</summary>
    public double LastRow => _last;

    /// <summary>
    /// The length the rows cover in seconds. Requests: from the first row (at 0) to the last, plus one more
    /// gap at the mean of the last <see cref="EndGaps"/> (fewer when there are fewer rows; pauses over an
    /// hour left out), the traffic's own pace where it ends. Aggregate rows (buckets): to the end of the last bucket, which they cover whole.
    /// At least a minute.
    /// </summary>
    public double Seconds
    {
        get
        {
            if (_buckets)
            {
                return Math.Max(60.0, _bucketEnd);
            }
            int gaps = (int)Math.Min(_rows - 1, EndGaps);
            double sum = 0;
            int counted = 0;
            for (int k = 0; k < gaps; k++)
            {
                // Ring positions of the (k+1)-th latest stamp and the one before it.
                int later = ((_ring - 1 - k) % _recent.Length + _recent.Length) % _recent.Length;
                int earlier = (later - 1 + _recent.Length) % _recent.Length;
                double gap = _recent[later] - _recent[earlier];
                if (gap <= PauseSeconds)
                {
                    sum += gap;
                    counted++;
                }
            }
            double stamped = gaps >= 1 ? _last + (counted > 0 ? sum / counted : 0) : 0;
            return Math.Max(60.0, Math.Max(stamped, _bucketEnd));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(in TraceRequest r)
    {
        double at = lead + (r.Seconds > 0 ? r.Seconds : 0);
        if (at > _last)
        {
            _last = at;
        }
        _recent[_ring] = _last;
        _ring = _ring == EndGaps ? 0 : _ring + 1;
        _rows++;
        _requests += r.Count;
        _input += r.InputTokens;
        _cached += r.CachedInputTokens;
        _output += r.OutputTokens;
        int minute = (int)(at / 60.0);
        _buckets |= r.SpreadSeconds > 0;
        if (r.Count == 0)
        {
            // An idle row (a usage bucket or a minute with no requests) only says the trace covers that time.
            _bucketEnd = Math.Max(_bucketEnd, at + r.SpreadSeconds);
            AddTo(minute, 0, 0);
            return;
        }
        double tokens = r.InputTokens + r.OutputTokens;
        if (r.SpreadSeconds <= 0)
        {
            AddTo(minute, tokens, tokens * tokens / r.Count);
            return;
        }
        Spread(r, at, tokens);
    }

    /// <summary>The token sums folded into <paramref name="minutes"/> minutes (anything later falls in the last), and the sum of the requests' squared sizes.</summary>
    public (double[] Tokens, double[] Squares) Fold(int minutes)
    {
        var tokens = new double[minutes];
        var squares = new double[minutes];
        for (int m = 0; m < _minutes; m++)
        {
            int into = Math.Min(m, minutes - 1);
            tokens[into] += _tokens[m];
            squares[into] += _squares[m];
        }
        return (tokens, squares);
    }

    private void Spread(in TraceRequest r, double at, double tokens)
    {
        double end = at + r.SpreadSeconds;
        _bucketEnd = Math.Max(_bucketEnd, end);
        double size = tokens / r.Count;
        for (int m = (int)(at / 60.0); m * 60.0 < end; m++)
        {
            double overlap = ShareOfMinute(at, r.SpreadSeconds, m);
            AddTo(m, tokens * overlap, size * size * r.Count * overlap);
        }
    }

    /// <summary>The share of a bucket from <paramref name="at"/> s over <paramref name="spread"/> s that falls in minute <paramref name="minute"/> (0 to 1).</summary>
    public static double ShareOfMinute(double at, double spread, int minute) =>
        Math.Max(0, Math.Min(at + spread, (minute + 1) * 60.0) - Math.Max(at, minute * 60.0)) / spread;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddTo(int minute, double tokens, double squares)
    {
        if (minute >= _tokens.Length)
        {
            Grow(minute);
        }
        _tokens[minute] += tokens;
        _squares[minute] += squares;
        if (minute >= _minutes)
        {
            _minutes = minute + 1;
        }
    }

    private void Grow(int minute)
    {
        int size = Math.Max(minute + 1, 2 * _tokens.Length);
        Array.Resize(ref _tokens, size);
        Array.Resize(ref _squares, size);
    }
}
