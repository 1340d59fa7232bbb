using System.Globalization;
using System.Text;
using FleetSim.Routing.Requests;
using FleetSim.Economics;
using FleetSim.Runs;
using FleetSim.Engine;
using FleetSim.Engine.Requests;
using FleetSim.Pricing;
using FleetSim.Scenario;
using FleetSim.Units;

namespace FleetSim.Reporting;

/// <summary>The bill as a terminal table, laid out like the seed's: the all-API line, then self-host + spillover.</summary>
public static class BillTable
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(ScenarioRun run)
    {
        Bill b = run.Bill;
        Bill fluid = run.FluidBill;
        var f = run.Fleet;
        var r = f.Replica;
        var sb = new StringBuilder();
        string period = Math.Abs(run.Demand.Horizon.Value - Hours.Month.Value) < 1e-9 ? "month" : $"{run.Demand.Horizon.Value:0.#} h";

        string engine = run.Requests is { } rr ? $"request engine, seed {rr.Seed}" : "minute engine";
        sb.AppendLine(Inv, $"FleetSim · {run.Scenario.Name} · {run.Demand.Horizon.Value:0.#} h · {engine}");
        sb.AppendLine(Inv, $"  Router    {RouterLine(run.Scenario.Router, f)}");
        sb.AppendLine();
        sb.AppendLine(Inv, $"  Traffic   {Quantity.Short(b.Demand.Value)} processed tokens, {TrafficLine(run)}");
        sb.AppendLine(Inv, $"  Fleet     {Quantity.Count(f.Replicas, "replica")} × {Quantity.Count(r.Gpus, "GPU")} on {Quantity.Count(f.Nodes, "node")} " +
                           $"({Quantity.Count(f.BilledGpus, "GPU")} {NodePrices(run)}): {Quantity.Count(f.Slots, "slot")}, {Quantity.Short(f.Capacity.Value)} tok/s");
        if (r.SharesByLoad)
        {
            ThroughputCurve curve = r.Curve;
            double alone = curve.At(1), each = curve.At(r.MaxInFlight) / r.MaxInFlight;
            sb.AppendLine(Inv, $"  Curve     measured: a lone request runs at {Quantity.Short(alone)} tok/s, {alone / each:0.0#}× its {Quantity.Short(each)} tok/s in a full batch of {r.MaxInFlight}");
        }
        sb.AppendLine();

        string costHeader = $"$/{period}";
        sb.AppendLine(Inv, $"  {"",-26}{"tokens",10}{"$/M",9}{costHeader,14}");
        // With classes the baseline prices deferrable tokens at their batch tier: print the blended $/M it comes to.
        string allApiPrice = b.Classes is not null && b.Demand.Value > 0 ? (b.AllApi.Value / b.Demand.Millions).ToString("0.000", Inv) : b.ApiPrice.Value.ToString("0.000", Inv);
        Row(sb, "All API", b.Demand, allApiPrice, b.AllApi);
        if (b.Prices.Api.Sheet.IsTyped)
        {
            var t = b.Prices.Api;
            ApiSpend spend = b.AllApiByType;
            TypeRow(sb, "fresh input", b.Demand.Value * t.Shares.FreshInput, t.BatchFactor * t.Sheet.InputUsdPerMillion, spend.FreshInput);
            TypeRow(sb, "cached input", b.Demand.Value * t.Shares.CachedInput, t.BatchFactor * t.Sheet.CachedInputUsdPerMillion, spend.CachedInput);
            TypeRow(sb, "output", b.Demand.Value * t.Shares.Output, t.BatchFactor * t.Sheet.OutputUsdPerMillion, spend.Output);
        }
        if (b.Prices.Api.BatchFactor < 1)
        {
            sb.AppendLine(Inv, $"    ({run.Scenario.Traffic.BatchShare.ToString("0.# %", Inv)} of tokens through the batch API at " +
                               $"{run.Scenario.Api.Price.BatchDiscount.ToString("0.# %", Inv)} off: every API price here × {b.Prices.Api.BatchFactor.ToString("0.######", Inv)})");
        }
        double effective = b.SelfHosted.Value > 0 ? b.SelfHost.Value / b.SelfHosted.Millions : double.NaN;
        Row(sb, $"Self-host ({Quantity.Count(f.Replicas, "replica")})", b.SelfHosted, double.IsNaN(effective) ? "—" : effective.ToString("0.000", Inv) + "*", b.SelfHost);
        if (b.Classes is null)
        {
            Row(sb, "API spillover", b.Spilled, b.ApiPrice.Value.ToString("0.000", Inv), b.Spill);
        }
        else
        {
            Row(sb, "API spillover", b.Spilled - b.BatchApiTokens, b.ApiPrice.Value.ToString("0.000", Inv), b.Spill - b.BatchApi);
            if (run.Scenario.Traffic.Classes?.Classes.Any(c => c.Deferrable) == true)
            {
                ClassTable.BatchRow(sb, b);
            }
        }
        if (b.Dropped.Value > 0)
        {
            Row(sb, "Unserved (priced at API)", b.Dropped, b.ApiPrice.Value.ToString("0.000", Inv), b.Unserved);
        }
        sb.AppendLine(Inv, $"  {(b.Dropped.Value > 0 || b.Classes is not null ? "Total" : "Self-host + spillover"),-26}{"",10}{"",9}{b.Total,14}");
        sb.AppendLine(Inv, $"  {"Savings vs all API",-26}{"",10}{"",9}{b.Savings,14}   {Percent.Savings(b.SavingsShare)}");
        foreach (string w in run.Warnings.Where(IsInfeasible))
        {
            sb.AppendLine(Inv, $"  {w}");
        }
        if (run.Scenario.Traffic.Classes is { } classes && b.Classes is not null)
        {
            ClassTable.Block(sb, b, classes);
            if (run.AllInteractiveBill is { } same)
            {
                // The savings share is against an all-API bill that already prices waiting tokens at the batch tier, so it can
                // fall while the bill falls: say what letting them wait changed, against the same tokens all interactive.
                Usd less = same.Total - b.Total;
                sb.AppendLine(Inv, $"  The same tokens all interactive on this fleet cost {same.Total} ({Percent.Savings(same.SavingsShare)} below their all-API {same.AllApi});");
                sb.AppendLine(Inv, $"  letting the deferrable classes wait makes the month {(less.Value >= 0 ? less + " cheaper" : (b.Total - same.Total) + " dearer")}, the batch tier's discount included.");
            }
        }
        sb.AppendLine();
        sb.AppendLine(Inv, $"  * effective $/M at {Percent.Format(b.Utilization)} utilization; {b.SelfHostPriceAtFullUse.Value:0.000} at full use");
        if (run.Scenario.Router.Mode != RouterMode.Fluid)
        {
            // The fluid bill is the minute engine's, on the expected demand: set it against the router's
            // bill on the same demand (the minute engine's, for a request-engine run), never the sampled one.
            Bill? same = run.Requests is null ? b : run.MinuteBill;
            string tail = same is null || f.Replicas == 0 ? "." : ";";
            sb.AppendLine(Inv, $"  Fluid router (the seed's arithmetic, min(demand, capacity)): total {fluid.Total}, saving {Percent.Savings(fluid.SavingsShare)}{tail}");
            if (same is not null && f.Replicas > 0)
            {
                Usd gap = same.Total - fluid.Total;
                // With deferrable classes the tokens past the fleet are the same either way (what the fleet does not serve on
                // arrival or later goes to one API or the other): what differs is how many go at list price.
                bool batch = same.BatchApiTokens.Value > 0 || fluid.BatchApiTokens.Value > 0;
                Tokens extra = batch
                    ? same.Spilled - same.BatchApiTokens + same.Dropped - (fluid.Spilled - fluid.BatchApiTokens)
                    : same.Spilled + same.Dropped - fluid.Spilled;
                string past = batch ? "tokens to the API at list price (the deferred work then finds less spare capacity)" : "tokens past the fleet";
                string more = extra.Value >= 0 ? $"sends {Quantity.Short(extra.Value, precise: true)} more {past}" : $"keeps {Quantity.Short(-extra.Value, precise: true)} more tokens on the fleet";
                string bothMinute = run.Requests is null ? "" : " (both on the minute engine)";
                string line = Math.Abs(gap.Value) < 0.005 && Math.Abs(extra.Value) < 0.5
                    ? $"  the {run.Scenario.Router.ModeName} router gives the same bill{bothMinute}."
                    : $"  the {run.Scenario.Router.ModeName} router {more} and costs {(gap.Value >= 0 ? gap + " more" : (fluid.Total - same.Total) + " less")}{bothMinute}.";
                sb.AppendLine(line);
            }
        }
        if (run.Requests is { } req)
        {
            RequestLines(sb, req, run.MinuteBill, b);
        }
        else if (run.MinuteLatency is { } latency)
        {
            sb.AppendLine();
            sb.AppendLine(Inv, $"  Latency on the self-hosted path, P50 / P95 / P99 (closed form; no request waits):");
            Latency(sb, "time to first token", latency.TimeToFirstToken);
            Latency(sb, "end to end", latency.EndToEnd);
            if (latency.TimePerOutputToken is { } tpot)
            {
                LatencyRow(sb, "time per output token", tpot, Milliseconds);
            }
        }
        sb.AppendLine();
        sb.AppendLine(Inv, $"  Utilization  {Percent.Format(b.Utilization)} month mean, {Percent.Format(b.TroughUtilization)} in the trough hour; " +
                           $"{(b.BreakEvenUtilization <= 1 ? $"a replica pays for itself above {Percent.Format(b.BreakEvenUtilization)}" : "a replica never pays for itself: even fully busy its tokens cost more than the API's")}");
        sb.AppendLine(Inv, $"  Ceiling      {CeilingLine(b)}");
        if (run.Scenario.Slo is not null)
        {
            sb.AppendLine(Inv, $"  SLO          {SloText.Line(SloAttainment.Of(run.Scenario, run.Requests, run.Fleet.Replicas > 0), run.Requests is not null)}");
        }
        sb.AppendLine("  Next         fleetsim compare: autoscaling policies side by side; fleetsim report: charts and a one-page report");
        foreach (string w in run.Warnings.Where(w => !IsInfeasible(w)))
        {
            sb.AppendLine(Inv, $"  warning: {w}");
        }
        return sb.ToString();
    }

    /// <summary>How the fixed fleet's nodes are bought: "at $6/GPU-hour", "spot at $3/GPU-hour", "1 reserved at $4.5, the rest at $6/GPU-hour".</summary>
    private static string NodePrices(ScenarioRun run)
    {
        var nodes = run.Bill.Prices.Nodes;
        NodeKind kind = nodes.BaseKind;
        string basePrice = $"{(kind == NodeKind.Spot ? "spot " : "")}at ${nodes.UsdPerGpuHour(kind).ToString("0.##", Inv)}/GPU-hour";
        int reserved = Math.Min(run.Scenario.Pricing.ReservedNodes, run.Fleet.Nodes);
        return reserved == 0 ? basePrice
            : reserved == run.Fleet.Nodes ? $"reserved at ${nodes.UsdPerGpuHour(NodeKind.Reserved).ToString("0.##", Inv)}/GPU-hour"
            : $"{reserved} node{(reserved == 1 ? "" : "s")} reserved at ${nodes.UsdPerGpuHour(NodeKind.Reserved).ToString("0.##", Inv)}, the rest {basePrice}";
    }

    /// <summary>The loud line a bill with much unserved demand carries: printed under the savings, not among the warnings.</summary>
    private static bool IsInfeasible(string warning) => warning.StartsWith("INFEASIBLE:", StringComparison.Ordinal);

    private static void TypeRow(StringBuilder sb, string label, double tokens, double usdPerMillion, Usd cost) =>
        sb.AppendLine(Inv, $"    {label,-24}{Quantity.Short(tokens, precise: true),10} {usdPerMillion.ToString("0.000", Inv),8}{cost,14}");

    private static void Row(StringBuilder sb, string label, Tokens tokens, string price, Usd cost) =>
        // A space always parts the columns, however wide a figure (a near-idle fleet's $/M runs to thousands).
        sb.AppendLine(Inv, $"  {label,-26}{Quantity.Short(tokens.Value, precise: true),10} {price,8}{cost,14}");

    private static string RouterLine(RouterSpec router, Fleet.FleetShape fleet) => Routing.Router.For(router).Describe(fleet);

    private static void RequestLines(StringBuilder sb, RequestRun r, Bill? minuteBill, Bill b)
    {
        RequestCounts c = r.Requests;
        sb.AppendLine();
        string counts = string.Create(Inv, $"  Requests  {Quantity.Short(c.Total, precise: true)}: {Quantity.Short(c.SelfHosted, precise: true)} self-hosted, ") +
                           string.Create(Inv, $"{Quantity.Short(c.Spilled, precise: true)} to the API ({Percent.Format(r.SpilledRequestShare)}), {Quantity.Short(c.Dropped)} dropped") +
                           Routing.Router.For(r.Router).CountsNote(c.TimedOut, c.Rejected, c.Retries);
        sb.AppendLine(counts);
        if (c.SelfHosted == 0)
        {
            sb.AppendLine(Inv, $"  Latency on the self-hosted path: none (no request was self-hosted)");
        }
        else
        {
            sb.AppendLine(Inv, $"  Latency on the self-hosted path, P50 / P95 / P99:");
            Latency(sb, "queue wait", r.QueueWait);
            Latency(sb, "time to first token", r.TimeToFirstToken);
            Latency(sb, "end to end", r.EndToEnd);
            LatencyRow(sb, "time per output token", r.TimePerOutputToken, Milliseconds);
        }
        if (r.ApiEndToEnd is { } api)
        {
            sb.AppendLine(Inv, $"  Latency on the API path (from arrival, with api.latency), P50 / P95 / P99:");
            Latency(sb, "end to end", api);
        }
        if (minuteBill is not null)
        {
            sb.AppendLine(Inv, $"  Minute engine, same router: {Percent.Format(minuteBill.SpillShare, 2)} of tokens to the API " +
                               $"(request engine {Percent.Format(b.SpillShare, 2)}{(b.Dropped.Value > 0 ? $", and {Percent.Format(b.DropShare, 2)} dropped; the minute engine {Percent.Format(minuteBill.DropShare, 2)}" : "")}), total {minuteBill.Total}");
        }
    }

    private static void Latency(StringBuilder sb, string label, LatencySummary l) => LatencyRow(sb, label, l, Seconds);

    private static void LatencyRow(StringBuilder sb, string label, LatencySummary l, Func<double, string> format) =>
        sb.AppendLine(Inv, $"    {label,-22}{format(l.P50),9} {format(l.P95),9} {format(l.P99),9}");

    private static string Milliseconds(double s) => SloText.Milliseconds(s);

    private static string Seconds(double s) => SloText.Seconds(s);

    private static string TrafficLine(ScenarioRun run)
    {
        double[] hourly = run.Demand.HourlyMeans();
        Array.Sort(hourly);
        string P(double p) => Quantity.Short(Traffic.Percentile.OfSorted(hourly, p));
        return $"hourly trough {Quantity.Short(hourly[0])}, P50 {P(0.5)}, P90 {P(0.9)}, P99 {P(0.99)} tok/s";
    }

    private static string CeilingLine(Bill b)
    {
        double cheapest = b.Prices.CheapestSelfHostAtFullUse.Value;
        string where = cheapest < b.SelfHostPriceAtFullUse.Value - 1e-12
            ? $" (every token on replicas busy all the time at the cheapest node price offered, ${b.Prices.Nodes.CheapestUsdPerGpuHour.ToString("0.##", Inv)}/GPU-hour)"
            : "";
        return b.SavingsCeilingFraction > 0
            ? $"at these prices no fleet policy saves more than {Percent.Format(b.SavingsCeilingFraction)} ({(b.AllApi * b.SavingsCeilingFraction).ToShortString()}){where}"
            : $"a replica costs {cheapest.ToString("0.000", Inv)} $/M even fully busy on the cheapest nodes, no less than the API's {b.ApiPrice.Value.ToString("0.000", Inv)}: self-hosting cannot save";
    }
}
