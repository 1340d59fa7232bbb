using FleetSim.Units;

namespace FleetSim.Traffic;

/// <summary>
/// Offered traffic minute by minute over the horizon: the mean processed-token rate (tok/s) of each
/// minute. Minute 0 is Monday 00:00. The horizon is a window of a longer calendar when it is shorter
/// than a month; the calendar's trough hour travels with it (<see cref="CalendarTroughRate"/>).
/// </summary>
public sealed class DemandSeries
{
    private readonly double[] _rate;
    private readonly TokensPerSecond? _calendarTrough;

    /// <param name="tokensPerSecondByMinute">tok/s in each minute of the horizon; kept, not copied.</param>
    /// <param name="warnings">What building the traffic noticed without refusing.</param>
    /// <param name="calendarTroughRate">
    /// The trough hour's rate of the whole calendar these minutes are a window of (the month a short
    /// horizon is taken from); without it the calendar is the window itself.
    /// </param>
    public DemandSeries(double[] tokensPerSecondByMinute, IReadOnlyList<string>? warnings = null, TokensPerSecond? calendarTroughRate = null)
    {
        if (tokensPerSecondByMinute.Length == 0)
        {
            throw new ArgumentException("a demand series needs at least one minute", nameof(tokensPerSecondByMinute));
        }
        _rate = tokensPerSecondByMinute;
        Warnings = warnings ?? [];
        _calendarTrough = calendarTroughRate;
    }

    /// <summary>tok/s in each minute.</summary>
    public ReadOnlySpan<double> Rate => _rate;

    /// <summary>The minutes themselves, for engines in this assembly that read them without copying; never written.</summary>
    internal double[] RateArray => _rate;

    public int Minutes => _rate.Length;

    public Hours Horizon => new(_rate.Length / 60.0);

    public IReadOnlyList<string> Warnings { get; }

    public Tokens Total
    {
        get
        {
            double sum = 0;
            foreach (double r in _rate)
            {
                sum += r;
            }
            return new Tokens(sum * 60.0);
        }
    }

    /// <summary>Mean tok/s of each whole hour (a trailing partial hour is its own entry).</summary>
    public double[] HourlyMeans()
    {
        int hours = (_rate.Length + 59) / 60;
        var means = new double[hours];
        for (int h = 0; h < hours; h++)
        {
            ReadOnlySpan<double> hour = Rate.Slice(h * 60, Math.Min(60, _rate.Length - h * 60));
            double sum = 0;
            foreach (double r in hour)
            {
                sum += r;
            }
            means[h] = sum / hour.Length;
        }
        return means;
    }

    /// <summary>The hour with the lowest mean rate (the first, on a tie).</summary>
    public int TroughHour()
    {
        double[] means = HourlyMeans();
        int best = 0;
        for (int h = 1; h < means.Length; h++)
        {
            if (means[h] < means[best])
            {
                best = h;
            }
        }
        return best;
    }

    /// <summary>The mean rate of the window's own trough hour (<see cref="TroughHour"/>).</summary>
    public TokensPerSecond TroughRate => new(HourlyMeans()[TroughHour()]);

    /// <summary>
    /// The mean rate of the trough hour of the whole calendar this horizon is a window of: the month's
    /// overnight trough even when a 2-hour horizon holds none of it. Equal to <see cref="TroughRate"/>
    /// when the horizon is the whole calendar (a month or longer) or none was given.
    /// </summary>
    public TokensPerSecond CalendarTroughRate => _calendarTrough ?? TroughRate;
}
