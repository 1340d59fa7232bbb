using FleetSim.Scenario;
using MathNet.Numerics.Distributions;

namespace FleetSim.Traffic;

/// <summary>
/// Draws request sizes: processed tokens from the mix's distribution (lognormal with its mean and
/// coefficient of variation, or exponential); output and fresh-input tokens in the mix's
/// proportions of each request.
/// </summary>
public sealed class RequestSizes
{
    private readonly IContinuousDistribution? _processed;
    private readonly double _outputShare;
    private readonly double _freshShare;

    public RequestSizes(RequestMix mix, Random random)
    {
        Mean = mix.ProcessedTokens;
        _processed = mix.Sizes switch
        {
            SizeDistribution.Exponential => new Exponential(1 / mix.ProcessedTokens, random),
            _ when mix.SizeCv == 0 => null,
            _ => LogNormalWithMean(mix.ProcessedTokens, mix.SizeCv, random),
        };
        _outputShare = mix.OutputTokens / mix.ProcessedTokens;
        _freshShare = mix.FreshInputTokens / mix.ProcessedTokens;
    }

    public double Mean { get; }

    /// <summary>Processed tokens (input incl. cached + output) of the next request.</summary>
    public double NextProcessed() => _processed?.Sample() ?? Mean;

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
}
