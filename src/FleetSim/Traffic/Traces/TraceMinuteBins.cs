namespace FleetSim.Traffic.Traces;

/// <summary>Token and request totals of a trace.</summary>
internal readonly record struct TraceTotals(long Requests, double Input, double Cached, double Output);

/// <summary>
/// A trace's tokens summed by minute from its earliest request, as rows stream past
/// (in time order), with what its length needs: the first and last stamps, the row count and the
/// end of the last aggregate bucket. An aggregate row's tokens are spread evenly over
/// the minutes its bucket overlaps.
/// </summary>
internal sealed class TraceMinuteBins(string path)
{
    /// <summary>The longest span a trace may cover: five years of 365 days (one number per minute, 21 MB).</summary>
    public const double MaxSeconds = 5 * 365 * 86_400.0;

    private readonly List<double> _tokens = [];
    private readonly List<double> _squares = [];
    /// <summary>Gaps at the end of the trace that estimate how long after its last row it ends.</summary>
    public const int EndGaps = 100;

    private readonly double[] _recent = new double[EndGaps + 1];
    private double _first = double.NaN, _last, _bucketEnd;
    private long _rows;

    public TraceTotals Totals { get; private set; }

    /// <summary>
    /// The length the rows cover in seconds: from the first row to the last, plus one more gap at the
    /// mean of the last <see cref="EndGaps"/> (fewer when there are fewer rows): the traffic's own pace
    /// where it ends. At least to the end of the last bucket, at least a minute.
    /// </summary>
    public double Seconds
    {
        get
        {
            int gaps = (int)Math.Min(_rows - 1, EndGaps);
            double stamped = gaps >= 1 ? _last - _first + (_last - _recent[(_rows - 1 - gaps) % _recent.Length]) / gaps : 0;
            return Math.Max(60.0, Math.Max(stamped, _bucketEnd - _first));
        }
    }

    public void Add(TraceRequest r)
    {
        _first = double.IsNaN(_first) ? r.Seconds : Math.Min(_first, r.Seconds);
        double at = Math.Max(0, r.Seconds);
        if (at + r.SpreadSeconds > MaxSeconds)
        {
            throw new TraceException(path, 0, $"a row is stamped {(at + r.SpreadSeconds) / (365 * 86_400.0):0.#} years after the first: " +
                                              "a trace spans at most 5 years (are the timestamps in the unit the format expects?)");
        }
        _last = Math.Max(_last, at);
        _recent[_rows % _recent.Length] = _last;
        _rows++;
        Totals = new TraceTotals(Totals.Requests + r.Count, Totals.Input + r.InputTokens, Totals.Cached + r.CachedInputTokens, Totals.Output + r.OutputTokens);
        if (r.Count == 0)
        {
            // An idle row (a usage bucket or a minute with no requests) only says the trace covers that time.
            _bucketEnd = Math.Max(_bucketEnd, at + r.SpreadSeconds);
            AddTo((int)(at / 60.0), 0, 0);
            return;
        }
        if (r.SpreadSeconds <= 0)
        {
            AddTo((int)(at / 60.0), r.ProcessedTokens, r.ProcessedTokens * r.ProcessedTokens / r.Count);
            return;
        }
        double end = at + r.SpreadSeconds;
        _bucketEnd = Math.Max(_bucketEnd, end);
        for (int m = (int)(at / 60.0); m * 60.0 < end; m++)
        {
            double overlap = (Math.Min(end, (m + 1) * 60.0) - Math.Max(at, m * 60.0)) / r.SpreadSeconds;
            double size = r.ProcessedTokens / r.Count;
            AddTo(m, r.ProcessedTokens * overlap, size * size * r.Count * overlap);
        }
    }

    /// <summary>
    /// The sums folded into <paramref name="minutes"/> minutes (anything later falls in the last): tokens,
    /// and the sum of the requests' squared sizes (an aggregate row's requests taken as its mean size).
    /// </summary>
    public (double[] Tokens, double[] Squares) Fold(int minutes)
    {
        var tokens = new double[minutes];
        var squares = new double[minutes];
        for (int m = 0; m < _tokens.Count; m++)
        {
            tokens[Math.Min(m, minutes - 1)] += _tokens[m];
            squares[Math.Min(m, minutes - 1)] += _squares[m];
        }
        return (tokens, squares);
    }

    private void AddTo(int minute, double tokens, double squares)
    {
        while (_tokens.Count <= minute)
        {
            _tokens.Add(0);
            _squares.Add(0);
        }
        _tokens[minute] += tokens;
        _squares[minute] += squares;
    }
}
