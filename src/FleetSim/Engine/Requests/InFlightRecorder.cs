namespace FleetSim.Engine.Requests;

/// <summary>The time-weighted mean number of requests in flight across the fleet, minute by minute.</summary>
public sealed class InFlightRecorder(int minutes)
{
    private readonly double[] _slotSeconds = new double[minutes];
    private double _last;
    private int _inFlight;

    public int Current => _inFlight;

    public void Change(double now, int delta)
    {
        Accumulate(now);
        _inFlight += delta;
    }

    /// <summary>Closes the books at <paramref name="end"/> (the horizon's end).</summary>
    public double[] MeanPerMinute(double end)
    {
        Accumulate(end);
        var mean = new double[_slotSeconds.Length];
        for (int m = 0; m < mean.Length; m++)
        {
            mean[m] = _slotSeconds[m] / 60.0;
        }
        return mean;
    }

    private void Accumulate(double now)
    {
        double t = _last;
        double limit = Math.Min(now, _slotSeconds.Length * 60.0);
        while (t < limit)
        {
            int minute = (int)(t / 60.0);
            double end = Math.Min((minute + 1) * 60.0, limit);
            _slotSeconds[minute] += _inFlight * (end - t);
            t = end;
        }
        _last = Math.Max(_last, now);
    }
}
