using FleetSim.Traffic;
using FleetSim.Traffic.Traces;

namespace FleetSim.Engine.Requests;

/// <summary>
/// Arrivals replayed from a trace, minute by minute, carrying exactly the demand the minute engine
/// sees: calendar minute m replays trace minute <see cref="TraceProfile.TraceMinuteAt"/>(m) (the trace
/// tiled with its exact length, on its own clock), its requests scaled by f = the demand's tokens in
/// minute m over that trace minute's tokens.
/// </summary>
/// <remarks>
/// Each trace request in the minute arrives k times, k = ⌊f⌋ plus one more with probability
/// f − ⌊f⌋, so the minute carries f times its tokens on average whatever f is, and so every horizon
/// (whole passes of the trace or not) carries the demand series' volume. The first arrival keeps the
/// request's own second within the minute; further copies arrive at independent uniform times within
/// the minute, never on top of the original. Thinning (f &lt; 1) therefore keeps the trace's own
/// timing, and scaling up a sparse trace gives Poisson arrivals within each minute at the trace's
/// minute rate and with its request sizes: the same process a dense sample of that traffic would give,
/// and the one the minute engine assumes. An aggregate row's requests (recorded per minute or per
/// bucket, not per request) arrive at uniform times within their minutes, each with the row's mean size.
/// A minute the trace leaves idle but the demand fills (traffic noise) gets Poisson arrivals of the
/// trace's mean request size.
/// </remarks>
internal sealed class TraceReplay : IEnumerable<(double Seconds, double Tokens)>
{
    private readonly TraceProfile _profile;
    private readonly DemandSeries _demand;
    private readonly Random _random;
    private readonly double _sigma;

    /// <param name="profile">The trace.</param>
    /// <param name="demand">The minute engine's demand over the horizon (tok/s per minute), which the replay carries.</param>
    /// <param name="sizeCv">Coefficient of variation of an aggregate row's request sizes about its mean.</param>
    /// <param name="random">The replay's own random stream.</param>
    public TraceReplay(TraceProfile profile, DemandSeries demand, double sizeCv, Random random)
    {
        _profile = profile;
        _demand = demand;
        _random = random;
        _sigma = Math.Sqrt(Math.Log(1 + sizeCv * sizeCv));
    }

    public IEnumerator<(double Seconds, double Tokens)> GetEnumerator()
    {
        using var cursor = new TraceMinuteCursor(_profile);
        var times = new List<double>();
        var sizes = new List<double>();
        double[] timeBuffer = [];
        double[] sizeBuffer = [];
        for (int m = 0; m < _demand.Minutes; m++)
        {
            double target = _demand.Rate[m] * 60.0;
            if (target <= 0)
            {
                continue;
            }
            times.Clear();
            sizes.Clear();
            List<TraceMinuteEntry> entries = cursor.Minute(_profile.TraceMinuteAt(m));
            double tokens = 0;
            foreach (TraceMinuteEntry e in entries)
            {
                tokens += e.Size * e.Count;
            }
            if (tokens > 0)
            {
                double f = target / tokens;
                foreach (TraceMinuteEntry e in entries)
                {
                    int copies = StochasticRound(f * e.Count);
                    for (int c = 0; c < copies; c++)
                    {
                        bool own = !double.IsNaN(e.Offset);
                        times.Add(60.0 * m + (c == 0 && own ? e.Offset : 60.0 * _random.NextDouble()));
                        sizes.Add(own ? e.Size : e.Size * UnitLognormal());
                    }
                }
            }
            else
            {
                int copies = StochasticRound(target / _profile.MeanProcessedTokens);
                for (int c = 0; c < copies; c++)
                {
                    times.Add(60.0 * (m + _random.NextDouble()));
                    sizes.Add(_profile.MeanProcessedTokens);
                }
            }
            int n = times.Count;
            if (timeBuffer.Length < n)
            {
                timeBuffer = new double[Math.Max(n, 2 * timeBuffer.Length)];
                sizeBuffer = new double[timeBuffer.Length];
            }
            times.CopyTo(timeBuffer);
            sizes.CopyTo(sizeBuffer);
            Array.Sort(timeBuffer, sizeBuffer, 0, n);
            for (int i = 0; i < n; i++)
            {
                yield return (timeBuffer[i], sizeBuffer[i]);
            }
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A lognormal draw of mean 1 and standard deviation sizeCv (Box–Muller).</summary>
    private double UnitLognormal()
    {
        if (_sigma == 0)
        {
            return 1;
        }
        double z = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
        return Math.Exp(_sigma * z - _sigma * _sigma / 2);
    }

    private int StochasticRound(double x)
    {
        double whole = Math.Floor(x);
        return (int)whole + (_random.NextDouble() < x - whole ? 1 : 0);
    }
}
