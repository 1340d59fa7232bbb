using System.Globalization;
using System.Text;
using FleetSim.Economics;
using FleetSim.Engine;
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
        var f = b.Fleet;
        var r = f.Replica;
        var sb = new StringBuilder();
        string period = Math.Abs(b.Horizon.Value - Hours.Month.Value) < 1e-9 ? "month" : $"{b.Horizon.Value:0.#} h";

        sb.AppendLine(Inv, $"FleetSim · {b.Scenario} · {b.Horizon.Value:0.#} h · router: {RouterLine(b)}");
        sb.AppendLine();
        sb.AppendLine(Inv, $"  Traffic   {Quantity.Short(b.Demand.Value)} processed tokens, {TrafficLine(run)}");
        sb.AppendLine(Inv, $"  Fleet     {f.Replicas} replica{(f.Replicas == 1 ? "" : "s")} × {r.Gpus} GPUs on {f.Nodes} node{(f.Nodes == 1 ? "" : "s")} " +
                           $"({f.BilledGpus} GPUs at ${r.GpuPrice.Value:0.##}/GPU-hour): {f.Slots} slots, {Quantity.Short(f.Capacity.Value)} tok/s");
        sb.AppendLine();

        string costHeader = $"$/{period}";
        sb.AppendLine(Inv, $"  {"",-26}{"tokens",10}{"$/M",9}{costHeader,14}");
        Row(sb, "All API", b.Demand, b.ApiPrice.Value.ToString("0.000", Inv), b.AllApi);
        double effective = b.SelfHosted.Value > 0 ? b.SelfHost.Value / b.SelfHosted.Millions : double.NaN;
        Row(sb, $"Self-host ({f.Replicas} replicas)", b.SelfHosted, double.IsNaN(effective) ? "—" : effective.ToString("0.000", Inv) + "*", b.SelfHost);
        Row(sb, "API spillover", b.Spilled, b.ApiPrice.Value.ToString("0.000", Inv), b.Spill);
        sb.AppendLine(Inv, $"  {"Self-host + spillover",-26}{"",10}{"",9}{b.Total,14}");
        sb.AppendLine(Inv, $"  {"Savings vs all API",-26}{"",10}{"",9}{b.Savings,14}   {b.SavingsFraction.ToString("0.0 %", Inv)}");
        sb.AppendLine();
        sb.AppendLine(Inv, $"  * effective $/M at {b.Utilization.ToString("0.0 %", Inv)} utilization; {b.SelfHostPriceAtFullUse.Value:0.000} at full use");
        if (b.Router != RouterMode.Fluid)
        {
            Usd gap = b.Total - fluid.Total;
            sb.AppendLine(Inv, $"  Fluid router (the seed's arithmetic, min(demand, capacity)): total {fluid.Total}, saving {fluid.SavingsFraction.ToString("0.0 %", Inv)};");
            sb.AppendLine(Inv, $"  request-level admission spills {Quantity.Short((b.Spilled - fluid.Spilled).Value, precise: true)} more tokens and costs {gap} more.");
        }
        sb.AppendLine();
        sb.AppendLine(Inv, $"  Utilization  {b.Utilization.ToString("0.0 %", Inv)} month mean, {b.TroughUtilization.ToString("0.0 %", Inv)} in the trough hour; " +
                           $"a replica pays for itself above {b.BreakEvenUtilization.ToString("0.0 %", Inv)}");
        sb.AppendLine(Inv, $"  Ceiling      {CeilingLine(b)}");
        foreach (string w in run.Warnings)
        {
            sb.AppendLine(Inv, $"  warning: {w}");
        }
        return sb.ToString();
    }

    private static void Row(StringBuilder sb, string label, Tokens tokens, string price, Usd cost) =>
        sb.AppendLine(Inv, $"  {label,-26}{Quantity.Short(tokens.Value, precise: true),10}{price,9}{cost,14}");

    private static string RouterLine(Bill b) => b.Router switch
    {
        RouterMode.Fluid => "fluid (served = min(demand, capacity))",
        RouterMode.Spill => $"spill (a request that finds all {b.Fleet.Slots} slots busy goes to the API)",
        _ => b.Router.ToString(),
    };

    private static string TrafficLine(ScenarioRun run)
    {
        double[] hourly = run.Demand.HourlyMeans();
        Array.Sort(hourly);
        string P(double p) => Quantity.Short(Traffic.Percentile.OfSorted(hourly, p));
        return $"hourly trough {Quantity.Short(hourly[0])}, P50 {P(0.5)}, P90 {P(0.9)}, P99 {P(0.99)} tok/s";
    }

    private static string CeilingLine(Bill b) => b.SavingsCeilingFraction > 0
        ? $"at these prices no fleet policy saves more than {b.SavingsCeilingFraction.ToString("0.0 %", Inv)} ({(b.AllApi * b.SavingsCeilingFraction).ToShortString()})"
        : $"a replica costs {b.SelfHostPriceAtFullUse.Value:0.000} $/M even fully busy, more than the API's {b.ApiPrice.Value:0.000}: self-hosting cannot save";
}
