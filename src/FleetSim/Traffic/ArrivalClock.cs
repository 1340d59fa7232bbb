namespace FleetSim.Traffic;

/// <summary>
/// Arrival times of a non-homogeneous Poisson process whose rate is constant within each minute:
/// λ(t) = demand(minute)/mean request size. Each gap is an Exp(1) draw spent against the cumulative
/// rate, minute by minute, so the arrivals are exact for the piecewise-constant rate.
/// </summary>
public sealed class ArrivalClock
{
    private readonly double[] _perSecond;
    private readonly Random _random;
    private double _now;
    private int _minute;

    public ArrivalClock(DemandSeries demand, double meanRequestTokens, Random random)
    {
        _perSecond = new double[demand.Minutes];
        for (int m = 0; m < demand.Minutes; m++)
        {
            _perSecond[m] = demand.Rate[m] / meanRequestTokens;
        }
        _random = random;
    }

    /// <summary>Requests per second in each minute.</summary>
    public ReadOnlySpan<double> ArrivalRate => _perSecond;

    public double End => _perSecond.Length * 60.0;

    /// <summary>The next arrival time in seconds, or +∞ when the horizon is over.</summary>
    public double Next()
    {
        double need = -Math.Log(1 - _random.NextDouble());
        while (_minute < _perSecond.Length)
        {
            double minuteEnd = (_minute + 1) * 60.0;
            double available = _perSecond[_minute] * (minuteEnd - _now);
            if (need < available)
            {
                _now += need / _perSecond[_minute];
                return _now;
            }
            need -= available;
            _now = minuteEnd;
            _minute++;
        }
        return double.PositiveInfinity;
    }
}
