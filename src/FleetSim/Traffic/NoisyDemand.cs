using System.Numerics;
using System.Numerics.Tensors;
using FleetSim.Kernels;
using FleetSim.Scenario;
using System.Runtime.CompilerServices;

namespace FleetSim.Traffic;

/// <summary>
/// One month of noisy traffic around the average shape, written into a caller's buffer so a
/// Monte Carlo sweep allocates nothing per run:
/// demand = shape × growth × day level × exp(x − s²/2) × bursts, where x is AR(1) lognormal noise
/// (x_m = ρ·x_{m−1} + √(1−ρ²)·s·z_m, s² = ln(1 + cv²), so each factor has mean 1 and the asked cv).
/// </summary>
public sealed class NoisyDemand
{
    private readonly double[] _shape;
    private readonly NoiseSpec _noise;
    private readonly double[] _normals;
    private readonly double[] _exponents;
    private readonly Ar1Chain _chain;

    public NoisyDemand(DemandSeries average, NoiseSpec noise)
    {
        _noise = noise;
        _shape = average.Rate.ToArray();
        if (noise.GrowthPerMonth != 0)
        {
            double perMinute = Math.Log(1 + noise.GrowthPerMonth) / (730 * 60.0);
            for (int m = 0; m < _shape.Length; m++)
            {
                _shape[m] *= Math.Exp(perMinute * m);
            }
        }
        _chain = new Ar1Chain(_shape.Length, noise.MinuteCorrelation);
        _normals = new double[_chain.Length];
        _exponents = new double[_chain.Length];
        Minutes = _shape.Length;
    }

    public int Minutes { get; }

    /// <summary>The month for one run: the same <paramref name="random"/> state gives the same month.</summary>
    /// <returns>The sum of the month's tok/s over its minutes.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first run: no slow tier-0 months
    public double Fill(Random random, Span<double> demand)
    {
        Span<double> rate = demand[.._shape.Length];
        bool minuteNoise = _noise.MinuteCv > 0;
        if (minuteNoise)
        {
            NormalBatch.Fill(random, _normals);
            double s2 = Math.Log(1 + _noise.MinuteCv * _noise.MinuteCv);
            double s = Math.Sqrt(s2), rho = _noise.MinuteCorrelation, innovation = Math.Sqrt(1 - rho * rho) * s;
            // x − s²/2 for every minute: the exponent of its noise factor.
            _chain.Run(_normals, s, innovation, s2 / 2, _exponents);
        }
        double daily = Math.Log(1 + _noise.DailyCv * _noise.DailyCv);
        // shape × exp(x − s²/2) × the day's level, a day at a time in one pass.
        for (int day = 0; day * 1440 < rate.Length; day++)
        {
            double level = _noise.DailyCv > 0 ? Math.Exp(Math.Sqrt(daily) * StandardNormal(random) - daily / 2) : 1;
            int from = day * 1440, length = Math.Min(1440, rate.Length - from);
            ReadOnlySpan<double> chain = minuteNoise ? _exponents.AsSpan(from, length) : default;
            Scale(_shape.AsSpan(from, length), chain, _noise.DailyCv > 0 ? level : null, rate.Slice(from, length));
        }
        if (_noise.Bursts is { PerDay: > 0 } bursts)
        {
            double perMinute = bursts.PerDay / 1440.0;
            double t = -Math.Log(1 - random.NextDouble()) / perMinute;
            while (t < rate.Length)
            {
                int from = (int)t, to = Math.Min(rate.Length, (int)Math.Ceiling(t + bursts.Minutes));
                Span<double> surge = rate[from..to];
                TensorPrimitives.Multiply(surge, 1 + bursts.Height, surge);
                t += -Math.Log(1 - random.NextDouble()) / perMinute;
            }
        }
        return Sum(rate);
    }

    /// <summary>rate = shape × e^chain (when there is a chain) × level (when there is one), minute by minute.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first run: no slow tier-0 months
    private static void Scale(ReadOnlySpan<double> shape, ReadOnlySpan<double> chain, double? level, Span<double> rate)
    {
        int w = Vector<double>.Count, i = 0;
        var dayLevel = new Vector<double>(level ?? 1);
        bool noise = !chain.IsEmpty;
        for (; i <= rate.Length - w; i += w)
        {
            Vector<double> r = new(shape[i..]);
            if (noise)
            {
                r *= VectorMath.Exp(new Vector<double>(chain[i..]));
            }
            if (level is not null)
            {
                r *= dayLevel;
            }
            r.CopyTo(rate[i..]);
        }
        for (; i < rate.Length; i++)
        {
            double r = shape[i];
            if (noise)
            {
                r *= VectorMath.Exp(new Vector<double>(chain[i]))[0];
            }
            if (level is { } l)
            {
                r *= l;
            }
            rate[i] = r;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first run: no slow tier-0 months
    private static double Sum(ReadOnlySpan<double> values)
    {
        int width = Vector<double>.Count, i = 0;
        Vector<double> acc0 = Vector<double>.Zero, acc1 = acc0;
        for (; i <= values.Length - 2 * width; i += 2 * width)
        {
            acc0 += new Vector<double>(values[i..]);
            acc1 += new Vector<double>(values[(i + width)..]);
        }
        double sum = Vector.Sum(acc0 + acc1);
        for (; i < values.Length; i++)
        {
            sum += values[i];
        }
        return sum;
    }

    private static double StandardNormal(Random random)
    {
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
