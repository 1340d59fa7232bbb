using FleetSim.Units;

namespace FleetSim.Traffic;

/// <summary>
/// Offered traffic minute by minute over the horizon: the mean processed-token rate (tok/s) of each
/// minute. Minute 0 is Monday 00:00.
/// </summary>
public sealed class DemandSeries
{
    private readonly double[] _rate;

    public DemandSeries(double[] tokensPerSecondByMinute, IReadOnlyList<string>? warnings = null)
    {
        if (tokensPerSecondByMinute.Length == 0)
        {
            throw new ArgumentException("a demand series needs at least one minute", nameof(tokensPerSecondByMinute));
        }
        _rate = tokensPerSecondByMinute;
        Warnings = warnings ?? [];
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

    public TokensPerSecond TroughRate => new(HourlyMeans()[TroughHour()]);
}
