using MathNet.Numerics.Distributions;

namespace FleetSim.Scenario;

/// <summary>
/// The law of processed tokens per request as the request engine draws them from a
/// <see cref="RequestMix"/>: lognormal with the mix's mean and coefficient of variation
/// (σ² = ln(1 + cv²), μ = ln mean − σ²/2), exponential with its mean, or every request the mean
/// when cv is 0 (<c>Traffic.RequestSizes</c> draws by the same rule).
/// </summary>
public static class RequestSizeLaw
{
    /// <summary>The <paramref name="p"/>-quantile (0 &lt; p &lt; 1) of processed tokens per request.</summary>
    public static double Quantile(RequestMix mix, double p)
    {
        double mean = mix.ProcessedTokens;
        if (mix.Sizes == SizeDistribution.Exponential)
        {
            return -mean * Math.Log(1 - p);
        }
        if (mix.SizeCv <= 0)
        {
            return mean;
        }
        (double mu, double sigma) = LogNormalParameters(mix);
        return Math.Exp(mu + sigma * Normal.InvCDF(0, 1, p));
    }

    /// <summary>P(size &lt; <paramref name="tokens"/>); 1 for +∞, 0 for 0 or less.</summary>
    public static double Below(RequestMix mix, double tokens)
    {
        double mean = mix.ProcessedTokens;
        if (double.IsPositiveInfinity(tokens))
        {
            return 1;
        }
        if (!(tokens > 0))
        {
            return 0;
        }
        if (mix.Sizes == SizeDistribution.Exponential)
        {
            return 1 - Math.Exp(-tokens / mean);
        }
        if (mix.SizeCv <= 0)
        {
            return mean < tokens ? 1 : 0;
        }
        (double mu, double sigma) = LogNormalParameters(mix);
        return Normal.CDF(0, 1, (Math.Log(tokens) - mu) / sigma);
    }

    private static (double Mu, double Sigma) LogNormalParameters(RequestMix mix)
    {
        double sigma2 = Math.Log(1 + mix.SizeCv * mix.SizeCv);
        return (Math.Log(mix.ProcessedTokens) - sigma2 / 2, Math.Sqrt(sigma2));
    }
}
