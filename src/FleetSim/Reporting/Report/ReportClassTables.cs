using System.Globalization;
using FleetSim.Economics;
using FleetSim.Runs;
using FleetSim.Scenario;
using FleetSim.Units;

namespace FleetSim.Reporting.Report;

/// <summary>
/// The report's section on traffic classes: the scenario's fleet's bill by class, and each policy's deferred and
/// batch-tier tokens. Nothing without <c>traffic.classes</c>.
/// </summary>
internal static class ReportClassTables
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The tables as (title, header, rows); empty without classes.</summary>
    public static IEnumerable<(string Title, string[] Header, List<string[]> Rows)> Of(ScenarioRun run, PolicyComparison comparison)
    {
        if (run.Scenario.Traffic.Classes is not { } classes || run.Bill.Classes is null)
        {
            yield break;
        }
        var byClass = run.Bill.ByClass.Select((l, i) => new[]
        {
            Label(l, classes.Classes[i]), Short(l.Tokens.Demand), Short(l.Tokens.SelfHostedOnArrival), Short(l.Tokens.SelfHostedDeferred),
            Short(l.Tokens.Spilled), Short(l.Tokens.BatchApi), l.AllApi.ToString(), l.Total.ToString(), l.Savings.ToString(),
        }).ToList();
        yield return ("Traffic classes: the scenario's fleet (a class's saving shares the node bill by self-hosted tokens: an allocation)",
                      ["class", "demand", "on arrival", "deferred", "spilled", "batch API", "all-API", "total", "saving"], byClass);

        var byPolicy = comparison.Runs.Select(r => new[]
        {
            r.Label,
            Quantity.Short(r.Bill.ByClass.Sum(l => l.Tokens.SelfHostedOnArrival.Value), precise: true),
            Quantity.Short(r.Bill.ByClass.Sum(l => l.Tokens.Spilled.Value), precise: true),
            Quantity.Short(r.Bill.ByClass.Sum(l => l.Tokens.SelfHostedDeferred.Value), precise: true),
            Short(r.Bill.BatchApiTokens), r.Bill.BatchApi.ToString(),
        }).ToList();
        yield return ("Traffic classes by policy: each scales on the interactive demand; the deferrable work fills what it leaves idle, earliest deadline first",
                      ["policy", "on arrival", "spilled", "deferred", "batch API", "batch API $"], byPolicy);
    }

    private static string Label(ClassBillLine l, TrafficClassSpec spec) => spec.DeadlineHours is { } h
        ? $"{l.Tokens.Name} ({spec.Share.ToString("0.##%", Inv)}, within {h.ToString("0.##", Inv)} h, batch {l.BatchDiscount.ToString("0.# %", Inv)} off)"
        : $"{l.Tokens.Name} ({spec.Share.ToString("0.##%", Inv)}, interactive)";

    private static string Short(Tokens t) => Quantity.Short(t.Value, precise: true);
}
