using System.Globalization;
using System.Text;
using FleetSim.Engine;
using FleetSim.Runs;
using FleetSim.Units;

namespace FleetSim.Reporting;

/// <summary>The policy comparison as a terminal table: one row per policy, the all-API bill and the ceiling beside them.</summary>
public static class CompareTable
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(PolicyComparison c)
    {
        var sb = new StringBuilder();
        var s = c.Scenario;
        string period = c.Demand.Minutes == 730 * 60 ? "month" : $"{c.Demand.Minutes / 60} h";
        sb.AppendLine(Inv, $"FleetSim compare · {s.Name} · {c.Demand.Minutes / 60} h · router: {s.Router.ModeName} · " +
                           $"provisioning {s.Scaling.ProvisioningMinutes:0.#} min · billing per {s.Pricing.Billing.ToString().ToLowerInvariant()}");
        sb.AppendLine();
        sb.AppendLine(Inv, $"  All API: {c.AllApi} per {period} for {Quantity.Short(c.Demand.Total.Value)} tokens. " +
                           $"Ceiling: at these prices no policy saves more than {Percent.Format(c.SavingsCeiling)} ({(c.AllApi * c.SavingsCeiling).ToShortString()}).");
        sb.AppendLine();
        // Columns as wide as their widest value, so a fleet of thousands of nodes never runs two figures together.
        int usd = Math.Max(12, c.Runs.SelectMany(r => new[] { r.SelfHost, r.Spill, r.Total, r.Savings }).Max(v => v.ToString().Length) + 2);
        int hours = Math.Max(8, c.Runs.Max(r => r.NodeHours.ToString("0", Inv).Length) + 2);
        int events = Math.Max(8, c.Runs.Max(r => r.ScaleEvents.ToString(Inv).Length) + 2);
        sb.AppendLine(Inv, $"  {"policy",-26}{"self-host".PadLeft(usd)}{"API".PadLeft(usd)}{"total".PadLeft(usd)}{"savings".PadLeft(usd)}{"",9}" +
                           $"{"util",8}{"spill",8}{"node-h".PadLeft(hours)}{"events".PadLeft(events)}");
        foreach (PolicyResult r in c.Runs)
        {
            sb.AppendLine(Inv, $"  {r.Label,-26}{r.SelfHost.ToString().PadLeft(usd)}{r.Spill.ToString().PadLeft(usd)}{r.Total.ToString().PadLeft(usd)}" +
                               $"{r.Savings.ToString().PadLeft(usd)}{Percent.Savings(r.Bill.SavingsShare),9}" +
                               $"{Pct(r.Utilization),8}{Pct(r.SpillShare),8}{r.NodeHours.ToString("0", Inv).PadLeft(hours)}{r.ScaleEvents.ToString(Inv).PadLeft(events)}");
        }
        sb.AppendLine();
        if (s.Traffic.Classes is { } classes && c.Runs.Count > 0)
        {
            ClassTable.PolicyBlock(sb, c.Runs, classes);
            sb.AppendLine();
        }
        if (c.BestDeployable is { Savings.Value: <= 0 } least)
        {
            sb.AppendLine(Inv, $"  No deployable policy beats the API at these prices: stay on the API (the least loss is {least.Policy}'s, {least.Savings.ToShortString()} per {period}).");
        }
        else if (c.BestDeployable is { } best)
        {
            string way = c.SavingsCeiling > 0 ? $", {Pct(Math.Max(0, best.SavingsFraction) / c.SavingsCeiling).Trim()} of the way to the ceiling" : "";
            sb.AppendLine(Inv, $"  Best deployable: {best.Policy}, saving {best.Savings.ToShortString()} per {period} ({Pct(best.SavingsFraction).Trim()}){way}.");
            if (c.Bound is { } oracle)
            {
                sb.AppendLine(Inv, $"  Oracle (a bound no one can deploy: hindsight, cheapest nodes, no delays, failures or billing rounding): " +
                                   $"saves {Pct(oracle.SavingsFraction).Trim()}, {new Usd(Math.Max(0, (oracle.Savings - best.Savings).Value)).ToShortString()} per {period} beyond {best.Policy}.");
            }
        }
        else if (c.Bound is { } oracle)
        {
            sb.AppendLine(Inv, $"  Oracle (a bound, not a policy): no fleet could save more than {oracle.Savings.ToShortString()} per {period} ({Pct(oracle.SavingsFraction).Trim()}).");
        }
        if (c.Scenario.Slo is not null)
        {
            sb.AppendLine(Inv, $"  SLO, every policy ({Quantity.Count(c.Scenario.Replica.MaxInFlight, "request")} in flight a replica): {SloText.Line(SloAttainment.Of(c.Scenario, null), requestEngine: false)}");
        }
        foreach (string w in c.Warnings)
        {
            sb.AppendLine(Inv, $"  warning: {w}");
        }
        foreach (PolicyResult r in c.Runs.Where(r => r.DeniedNodes > 0 || r.Failures > 0 || r.Preemptions > 0))
        {
            sb.AppendLine(Inv, $"  {r.Policy}: {r.DeniedNodes} node requests refused (stockout), {r.Failures} replica failures, {r.Preemptions} spot preemptions");
        }
        return sb.ToString();
    }

    private static string Pct(double f) => Percent.Format(f);
}
