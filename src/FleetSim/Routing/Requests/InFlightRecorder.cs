namespace FleetSim.Routing.Requests;

/// <summary>
/// The time-weighted mean number of requests holding a replica slot across the fleet, minute by
/// minute, built from each request's slot interval (in any order) rather than from a time-ordered
/// stream of starts and ends.
/// </summary>
/// <param name="minutes">Minutes of the horizon; time past its end is not recorded.</param>
public sealed class InFlightRecorder(int minutes)
{
    private readonly double[] _slotSeconds = new double[minutes];

    /// <summary>A slot held from <paramref name="start"/> to <paramref name="end"/> (seconds).</summary>
    public void Hold(double start, double end)
    {
        int first = (int)(start / 60.0);
        if (start >= 0 && (uint)first < (uint)_slotSeconds.Length && end <= (first + 1) * 60.0)
        {
            _slotSeconds[first] += end - start; // within one minute: most requests
            return;
        }
        double limit = Math.Min(end, _slotSeconds.Length * 60.0);
        double t = Math.Max(start, 0);
        while (t < limit)
        {
            int minute = (int)(t / 60.0);
            double to = Math.Min((minute + 1) * 60.0, limit);
            _slotSeconds[minute] += to - t;
            t = to;
        }
    }

    /// <summary>Mean slots in use in each minute.</summary>
    public double[] MeanPerMinute()
    {
        var mean = new double[_slotSeconds.Length];
        for (int m = 0; m < mean.Length; m++)
        {
            mean[m] = _slotSeconds[m] / 60.0;
        }
        return mean;
    }
}
