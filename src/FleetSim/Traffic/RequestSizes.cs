using FleetSim.Kernels;
using FleetSim.Scenario;
using MathNet.Numerics.Distributions;

namespace FleetSim.Traffic;

/// <summary>
/// Draws request sizes: processed tokens from the mix's distribution (lognormal with its mean and
/// coefficient of variation, or exponential); output and fresh-input tokens in the mix's
/// proportions of each request.
/// </summary>
/// <remarks>
/// The request engine draws one size per request, millions a month, so sizes are made 4,096 at a
/// time with the vectorized generator the Monte Carlo months use (<see cref="VectorRandom"/>:
/// xoshiro256** lanes, Box-Muller normals, exp and log on fused multiply-adds): a lognormal size is
/// exp(μ + σ·z), an exponential one −P̄·ln(1 − u). The stream is seeded from the run's size stream.
/// </remarks>
public sealed class RequestSizes
{
    private const int Batch = 4096;
    private readonly VectorRandom? _random;
    private readonly SizeDistribution _law;
    private readonly double _mu, _sigma;
    private readonly double[] _buffer = new double[Batch];
    private int _next = Batch;
    private readonly double _outputShare;
    private readonly double _freshShare;

    public RequestSizes(RequestMix mix, Random random)
    {
        Mean = mix.ProcessedTokens;
        _law = mix.Sizes;
        if (mix.Sizes == SizeDistribution.Exponential || mix.SizeCv > 0)
        {
            _random = new VectorRandom((ulong)random.NextInt64());
        }
        double sigma2 = Math.Log(1 + mix.SizeCv * mix.SizeCv);
        _sigma = Math.Sqrt(sigma2);
        _mu = Math.Log(mix.ProcessedTokens) - sigma2 / 2;
        _outputShare = mix.OutputTokens / mix.ProcessedTokens;
        _freshShare = mix.FreshInputTokens / mix.ProcessedTokens;
    }

    public double Mean { get; }

    /// <summary>Processed tokens (input incl. cached + output) of the next request.</summary>
    public double NextProcessed()
    {
        if (_random is null)
        {
            return Mean;
        }
        if (_next == Batch)
        {
            Refill(_random);
        }
        return _buffer[_next++];
    }

    /// <summary>Output tokens of a request of <paramref name="processed"/> tokens.</summary>
    public double OutputOf(double processed) => processed * _outputShare;

    /// <summary>Input tokens the replica must prefill (not cached) for a request of <paramref name="processed"/> tokens.</summary>
    public double FreshInputOf(double processed) => processed * _freshShare;

    /// <summary>A lognormal with the given mean and coefficient of variation: σ² = ln(1 + cv²), μ = ln(mean) − σ²/2.</summary>
    public static LogNormal LogNormalWithMean(double mean, double cv, Random random)
    {
        double sigma2 = Math.Log(1 + cv * cv);
        return new LogNormal(Math.Log(mean) - sigma2 / 2, Math.Sqrt(sigma2), random);
    }

    private void Refill(VectorRandom random)
    {
        Span<double> b = _buffer;
        if (_law == SizeDistribution.Exponential)
        {
            random.FillUniform(b);
            for (int i = 0; i < b.Length; i++)
            {
                b[i] = 1 - b[i]; // (0, 1]: its log is finite
            }
            VectorMath.Log(b, b);
            for (int i = 0; i < b.Length; i++)
            {
                b[i] *= -Mean;
            }
        }
        else
        {
            random.FillNormals(b);
            for (int i = 0; i < b.Length; i++)
            {
                b[i] = _mu + _sigma * b[i];
            }
            VectorMath.Exp(b, b);
        }
        _next = 0;
    }
}
