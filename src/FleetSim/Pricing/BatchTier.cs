using FleetSim.Scenario;
using FleetSim.Units;

namespace FleetSim.Pricing;

/// <summary>
/// The API's batch tier for traffic classes: a deferrable class's tokens that miss their deadline are priced at the
/// API's list price for the traffic's mix × (1 − the class's discount). The discount is the class's
/// <c>api_batch_discount</c>, else <c>api.batch_discount</c>, else 0 (OpenAI's Batch API and Anthropic's Message
/// Batches take 50 % off).
/// </summary>
public static class BatchTier
{
    /// <summary>The discount of each class, in the scenario's order (0 for an interactive class, which never uses the tier).</summary>
    public static double[] Discounts(TrafficClasses classes, ApiPriceSpec sheet) =>
        [.. classes.Classes.Select(c => c.Deferrable ? c.ApiBatchDiscount ?? sheet.BatchDiscount : 0)];

    /// <summary>What <paramref name="tokens"/> of the traffic's mix cost on the batch tier at <paramref name="discount"/> off.</summary>
    public static Usd Cost(ApiTariff api, Tokens tokens, double discount) => api.Cost(tokens) * (1 - discount);
}
