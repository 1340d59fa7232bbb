using FleetSim.Scenario;
using FleetSim.Units;

namespace FleetSim.Pricing;

/// <summary>$ the API charges, by token type.</summary>
public readonly record struct ApiSpend(Usd FreshInput, Usd CachedInput, Usd Output)
{
    public Usd Total => FreshInput + CachedInput + Output;
}

/// <summary>
/// The API's price sheet applied to the traffic's token mix: the one place an API price is turned
/// into dollars. A processed token costs
/// <c>fresh share × input $/M + cached share × cached-input $/M + output share × output $/M</c>;
/// with a blended sheet every share pays the same. The seed's mix (85K processed, 1K output, 83.5 %
/// of input cached) at $1.40 / $0.26 / $4.40 blends to $0.4946/M.
/// </summary>
/// <param name="batchShare">Share of tokens sent through the provider's batch API at the sheet's <see cref="ApiPriceSpec.BatchDiscount"/>.</param>
public sealed class ApiTariff(ApiPriceSpec sheet, RequestMix mix, double batchShare = 0)
{
    public ApiPriceSpec Sheet { get; } = sheet;

    public TokenShares Shares { get; } = TokenShares.Of(mix);

    /// <summary>
    /// What the batch API's discount leaves of the list price on average: 1 − batch share × discount
    /// (30 % of tokens at 50 % off: 0.85). The fleet serves batch and interactive tokens alike, so
    /// every token the API takes carries the same factor.
    /// </summary>
    public double BatchFactor { get; } = 1 - batchShare * sheet.BatchDiscount;

    /// <summary>$ per million processed tokens of this mix.</summary>
    public UsdPerMillionTokens PerMillionProcessed => new(BatchFactor * (
        Shares.FreshInput * Sheet.InputUsdPerMillion +
        Shares.CachedInput * Sheet.CachedInputUsdPerMillion +
        Shares.Output * Sheet.OutputUsdPerMillion));

    /// <summary>What <paramref name="processed"/> tokens of this mix cost at the API, by type.</summary>
    public ApiSpend SpendFor(Tokens processed) => new(
        new Usd(processed.Millions * BatchFactor * Shares.FreshInput * Sheet.InputUsdPerMillion),
        new Usd(processed.Millions * BatchFactor * Shares.CachedInput * Sheet.CachedInputUsdPerMillion),
        new Usd(processed.Millions * BatchFactor * Shares.Output * Sheet.OutputUsdPerMillion));

    /// <summary>The processed tokens of this mix whose all-API bill is <paramref name="spend"/>.</summary>
    public Tokens TokensCosting(Usd spend) => new(spend.Value / PerMillionProcessed.Value * 1e6);

    /// <summary>$ for <paramref name="processed"/> tokens of this mix.</summary>
    public Usd Cost(Tokens processed) => processed * PerMillionProcessed;
}
