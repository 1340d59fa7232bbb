namespace FleetSim.Traffic;

/// <summary>
/// Arrival times of a non-homogeneous Poisson process whose rate is constant within each minute:
/// λ(t) = demand(minute)/mean request size. Each gap is an Exp(1) draw spent against the cumulative
/// rate, minute by minute, so the arrivals are exact for the piecewise-constant rate. The Exp(1)
/// draws are made 4,096 at a time by the vectorized generator (<see cref="Kernels.VectorRandom"/>),
/// seeded from the run's arrival stream.
/// </summary>
public sealed class ArrivalClock
{
    private const int Batch = 4096;
    private readonly double[] _perSecond;
    private readonly double[] _secondsPerArrival;
    private readonly Kernels.VectorRandom _random;
    private readonly double[] _draws = new double[Batch];
    private int _next = Batch;
    private double _now;
    private int _minute;

    public ArrivalClock(DemandSeries demand, double meanRequestTokens, Random random)
    {
        _perSecond = new double[demand.Minutes];
        for (int m = 0; m < demand.Minutes; m++)
        {
            _perSecond[m] = demand.Rate[m] / meanRequestTokens;
        }
        _secondsPerArrival = [.. _perSecond.Select(rate => rate > 0 ? 1 / rate : 0)];
        _random = new Kernels.VectorRandom((ulong)random.NextInt64());
    }

    /// <summary>Requests per second in each minute.</summary>
    public ReadOnlySpan<double> ArrivalRate => _perSecond;

    public double End => _perSecond.Length * 60.0;

    /// <summary>The next arrival time in seconds, or +∞ when the horizon is over.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // optimized from the request engine's first run, not after tiering
    public double Next()
    {
        if (_next == Batch)
        {
            Refill();
        }
        double need = _draws[_next++];
        while (_minute < _perSecond.Length)
        {
            double minuteEnd = (_minute + 1) * 60.0;
            double available = _perSecond[_minute] * (minuteEnd - _now);
            if (need < available)
            {
                _now += need * _secondsPerArrival[_minute];
                return _now;
            }
            need -= available;
            _now = minuteEnd;
            _minute++;
        }
        return double.PositiveInfinity;
    }

    /// <summary>The next 4,096 Exp(1) draws: −ln(1 − u).</summary>
    private void Refill()
    {
        Span<double> d = _draws;
        _random.FillUniform(d);
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = 1 - d[i];
        }
        Kernels.VectorMath.Log(d, d);
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = -d[i];
        }
        _next = 0;
    }
}
