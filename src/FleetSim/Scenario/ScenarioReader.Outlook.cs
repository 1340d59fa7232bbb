namespace FleetSim.Scenario;

/// <summary>The outlook: section.</summary>
internal sealed partial class ScenarioReader
{
    private static OutlookSpec ReadOutlook(MappingReader o)
    {
        o.Allow("months", "traffic_growth_per_month", "api_price_change_per_month", "gpu_price_change_per_month", "setup_usd");
        return new OutlookSpec(
            o.Integer("months", NumberRule.AtLeastOne.AtMost(OutlookSpec.MaxMonths)),
            o.Number("traffic_growth_per_month", NumberRule.Between(-0.5, 1), 0),
            o.Number("api_price_change_per_month", NumberRule.Between(-0.5, 0.5), 0),
            o.Number("gpu_price_change_per_month", NumberRule.Between(-0.5, 0.5), 0),
            o.Number("setup_usd", NumberRule.NonNegative.AtMost(InputLimits.MaxMonthlySpendUsd), 0));
    }
}
