using FleetSim.Scenario;

namespace FleetSim.Pricing;

/// <summary>
/// How processed tokens split by the type an API prices them by: fresh (uncached) input, cached
/// input and output. The three shares sum to 1.
/// </summary>
public readonly record struct TokenShares(double FreshInput, double CachedInput, double Output)
{
    /// <summary>
    /// The split of an average request: output = output ÷ processed; of the input (processed − output),
    /// the cache-hit share is cached and the rest fresh. The seed's 85K request with 1K output and
    /// 83.5 % hits: 16.3 % fresh, 82.5 % cached, 1.2 % output.
    /// </summary>
    public static TokenShares Of(RequestMix mix)
    {
        double output = mix.OutputTokens / mix.ProcessedTokens;
        double input = 1 - output;
        return new TokenShares(input * (1 - mix.CacheHitShare), input * mix.CacheHitShare, output);
    }
}
