using System.Numerics.Tensors;
using FleetSim.Kernels;
using FleetSim.Scenario;

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
    private readonly double[] _scratch;

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
        _normals = new double[_shape.Length];
        _scratch = new double[3 * ((_shape.Length + 1) / 2)];
        Minutes = _shape.Length;
    }

    public int Minutes { get; }

    /// <summary>The month for one run: the same <paramref name="random"/> state gives the same month.</summary>
    /// <returns>The sum of the month's tok/s over its minutes.</returns>
    public double Fill(Random random, Span<double> demand)
    {
        Span<double> rate = demand[.._shape.Length];
        _shape.CopyTo(rate);
        if (_noise.MinuteCv > 0)
        {
            NormalBatch.Fill(random, _normals, _scratch);
            double s2 = Math.Log(1 + _noise.MinuteCv * _noise.MinuteCv);
            double s = Math.Sqrt(s2), rho = _noise.MinuteCorrelation, innovation = Math.Sqrt(1 - rho * rho) * s;
            double x = s * _normals[0];
            _normals[0] = x - s2 / 2;
            for (int m = 1; m < _normals.Length; m++)
            {
                // One fused multiply-add on the chain per minute (exactly rounded, so the same bits
                // on every machine); the innovation term is off the chain.
                x = Math.FusedMultiplyAdd(rho, x, innovation * _normals[m]);
                _normals[m] = x - s2 / 2;
            }
            VectorMath.Exp(_normals, _normals);
            TensorPrimitives.Multiply(rate, _normals, rate);
        }
        if (_noise.DailyCv > 0)
        {
            double s2 = Math.Log(1 + _noise.DailyCv * _noise.DailyCv);
            for (int day = 0; day * 1440 < rate.Length; day++)
            {
                double level = Math.Exp(Math.Sqrt(s2) * StandardNormal(random) - s2 / 2);
                Span<double> minutes = rate.Slice(day * 1440, Math.Min(1440, rate.Length - day * 1440));
                TensorPrimitives.Multiply(minutes, level, minutes);
            }
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

    private static double Sum(ReadOnlySpan<double> values)
    {
        int width = System.Numerics.Vector<double>.Count, i = 0;
        System.Numerics.Vector<double> acc0 = System.Numerics.Vector<double>.Zero, acc1 = acc0;
        for (; i <= values.Length - 2 * width; i += 2 * width)
        {
            acc0 += new System.Numerics.Vector<double>(values[i..]);
            acc1 += new System.Numerics.Vector<double>(values[(i + width)..]);
        }
        double sum = System.Numerics.Vector.Sum(acc0 + acc1);
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
