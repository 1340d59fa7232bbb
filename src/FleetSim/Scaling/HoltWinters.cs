namespace FleetSim.Scaling;

/// <summary>
/// Additive Holt-Winters (level, trend, seasonal) for hourly demand with a daily season. The first
/// season initializes the level and seasonal terms; smoothing constants are fixed, tuned for
/// traffic that repeats day to day.
/// </summary>
public sealed class HoltWinters(int season, double alpha = 0.3, double beta = 0.01, double gamma = 0.3)
{
    private readonly double[] _seasonal = new double[season];
    private readonly List<double> _first = [];
    private double _level, _trend;
    private int _count;

    public void Add(double value)
    {
        if (_count < season)
        {
            _first.Add(value);
            _count++;
            if (_count == season)
            {
                _level = _first.Average();
                for (int i = 0; i < season; i++)
                {
                    _seasonal[i] = _first[i] - _level;
                }
            }
            return;
        }
        int s = _count % season;
        double previousLevel = _level;
        _level = alpha * (value - _seasonal[s]) + (1 - alpha) * (_level + _trend);
        _trend = beta * (_level - previousLevel) + (1 - beta) * _trend;
        _seasonal[s] = gamma * (value - _level) + (1 - gamma) * _seasonal[s];
        _count++;
    }

    /// <summary>The value <paramref name="stepsAhead"/> steps after the last one added (1: the next).</summary>
    public double Forecast(int stepsAhead)
    {
        if (_count < season)
        {
            return _first.Count == 0 ? 0 : _first[^1];
        }
        int s = (_count + stepsAhead - 1) % season;
        return _level + stepsAhead * _trend + _seasonal[s];
    }
}
