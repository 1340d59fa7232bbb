using FleetSim.Economics;

namespace FleetSim.Reporting;

/// <summary>
/// One traffic class in bill.json's <c>classes</c> list: its tokens by where they went and its dollars over the
/// horizon. The token fields of the list add up to the bill's (demand, self_host, spill + batch_api, dropped), and
/// its dollar fields to all_api_usd, self_host_usd, spill_usd and total_usd.
/// </summary>
/// <param name="DeadlineHours">Null (omitted) for an interactive class.</param>
/// <param name="BatchDiscount">The batch tier's discount the class's late tokens would get (0 for an interactive class).</param>
/// <param name="SpillTokens">Interactive tokens the router sent to the API at list price.</param>
/// <param name="BatchApiTokens">Deferrable tokens sent to the batch tier (deadline reached, or still held at the horizon's end).</param>
/// <param name="LateTokens">Tokens served after their deadline: 0 by construction on the minute engine.</param>
public sealed record ClassJson(
    string Name,
    double Share,
    double? DeadlineHours,
    double BatchDiscount,
    double DemandTokens,
    double SelfHostTokens,
    double SelfHostOnArrivalTokens,
    double DeferredSelfHostTokens,
    double SpillTokens,
    double BatchApiTokens,
    double BatchApiAtHorizonEndTokens,
    double DroppedTokens,
    double LateTokens,
    double AllApiUsd,
    double SelfHostUsd,
    double SpillUsd,
    double BatchApiUsd,
    double UnservedUsd,
    double TotalUsd,
    double SavingsUsd)
{
    /// <summary>The bill's classes as JSON, or null for a bill without classes (the key is then left out).</summary>
    public static IReadOnlyList<ClassJson>? Of(Bill bill, Scenario.TrafficClasses? classes) =>
        bill.Classes is null || classes is null ? null
        : [.. bill.ByClass.Select((l, i) => new ClassJson(
            l.Tokens.Name, classes.Classes[i].Share, classes.Classes[i].DeadlineHours, l.BatchDiscount,
            l.Tokens.Demand.Value, l.Tokens.SelfHosted.Value, l.Tokens.SelfHostedOnArrival.Value, l.Tokens.SelfHostedDeferred.Value,
            l.Tokens.Spilled.Value, l.Tokens.BatchApi.Value, l.Tokens.BatchApiAtHorizonEnd.Value, l.Tokens.Dropped.Value, l.Tokens.Late.Value,
            l.AllApi.Value, l.SelfHost.Value, l.Spill.Value, l.BatchApi.Value, l.Unserved.Value, l.Total.Value, l.Savings.Value))];
}
