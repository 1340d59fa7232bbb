namespace FleetSim.Scenario;

/// <summary>
/// What the paid API charges per million tokens: one blended price for every processed token (the
/// seed's $0.317/M), or a price sheet by token type as the providers publish them (input, cached
/// input, output). The price per processed token then follows from the request mix (see
/// <see cref="Pricing.ApiTariff"/>).
/// </summary>
/// <param name="BlendedUsdPerMillion">$/M for any processed token; null when typed prices are given.</param>
/// <param name="InputUsdPerMillion">$/M fresh (uncached) input tokens.</param>
/// <param name="CachedInputUsdPerMillion">$/M input tokens read from the provider's prompt cache.</param>
/// <param name="OutputUsdPerMillion">$/M generated tokens.</param>
public sealed record ApiPriceSpec(double? BlendedUsdPerMillion, double InputUsdPerMillion, double CachedInputUsdPerMillion, double OutputUsdPerMillion)
{
    /// <summary>One price for every processed token, whatever its type.</summary>
    public static ApiPriceSpec Blended(double usdPerMillion) => new(usdPerMillion, usdPerMillion, usdPerMillion, usdPerMillion);

    /// <summary>A price sheet by token type.</summary>
    public static ApiPriceSpec Typed(double input, double cachedInput, double output) => new(null, input, cachedInput, output);

    /// <summary>
    /// The discount of the provider's batch API on every token type (OpenAI's Batch API and
    /// Anthropic's Message Batches both take 50 % off for results within 24 hours): applies to the
    /// traffic's batch share (<see cref="TrafficSpec.BatchShare"/>). 0 by default.
    /// </summary>
    public double BatchDiscount { get; init; }

    /// <summary>Every price on the sheet × <paramref name="factor"/> (the batch discount, a share, stays).</summary>
    public ApiPriceSpec ScaledBy(double factor) => this with
    {
        BlendedUsdPerMillion = BlendedUsdPerMillion * factor,
        InputUsdPerMillion = InputUsdPerMillion * factor,
        CachedInputUsdPerMillion = CachedInputUsdPerMillion * factor,
        OutputUsdPerMillion = OutputUsdPerMillion * factor,
    };

    /// <summary>True when the sheet prices token types differently (the bill then shows spend by type).</summary>
    public bool IsTyped => BlendedUsdPerMillion is null;
}
