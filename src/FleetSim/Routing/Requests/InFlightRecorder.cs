using System.Runtime.CompilerServices;
namespace FleetSim.Routing.Requests;

/// <summary>
/// The time-weighted mean number of requests holding a replica slot across the fleet, minute by
/// minute, built from each request's slot interval (in any order) rather than from a time-ordered
/// stream of starts and ends.
/// </summary>
/// <remarks>
/// An interval is recorded by its two ends alone: slot-seconds in minute m are
/// 60·(intervals already running when m begins) + Σ over intervals starting in m of the seconds
/// left in m after their start − Σ over intervals ending in m of the seconds left in m after their
/// end. So a request costs two bucket updates however many minutes it spans, and the minutes are
/// summed once when read.
/// </remarks>
/// <param name="minutes">Minutes of the horizon; time past its end is not recorded.</param>
public sealed class InFlightRecorder(int minutes)
{
    private readonly double[] _starts = new double[minutes], _ends = new double[minutes];
    private readonly double[] _startRest = new double[minutes], _endRest = new double[minutes];

    /// <summary>
    /// A slot held from <paramref name="start"/> to <paramref name="end"/> (seconds), counted as
    /// <paramref name="weight"/> slots throughout (a request sharing a replica counts the share of a
    /// full batch's pace it ran at, see <see cref="SharedReplica"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Hold(double start, double end, double weight = 1)
    {
        int n = _starts.Length;
        start = Math.Max(start, 0);
        if (end <= start || start >= n * 60.0)
        {
            return;
        }
        int first = (int)(start * (1 / 60.0));
        first = Math.Min(first, n - 1);
        _starts[first] += weight;
        _startRest[first] += weight * ((first + 1) * 60.0 - start);
        if (end < n * 60.0)
        {
            int last = Math.Min((int)(end * (1 / 60.0)), n - 1);
            _ends[last] += weight;
            _endRest[last] += weight * ((last + 1) * 60.0 - end);
        }
    }

    /// <summary>Mean slots in use in each minute.</summary>
    public double[] MeanPerMinute()
    {
        var mean = new double[_starts.Length];
        double running = 0;
        for (int m = 0; m < mean.Length; m++)
        {
            double slotSeconds = 60.0 * running + _startRest[m] - _endRest[m];
            mean[m] = Math.Max(0, slotSeconds) / 60.0;
            running += _starts[m] - _ends[m];
        }
        return mean;
    }
}
