using System.Globalization;
using System.Text;
using FleetSim.Economics;
using FleetSim.Scenario;
using FleetSim.Units;

namespace FleetSim.Reporting;

/// <summary>The run table's lines for traffic classes: the batch tier's row, and the bill by class.</summary>
internal static class ClassTable
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The batch tier's row of the bill: its tokens, effective $/M and cost.</summary>
    public static void BatchRow(StringBuilder sb, Bill b)
    {
        Tokens tokens = b.BatchApiTokens;
        string price = tokens.Value > 0 ? (b.BatchApi.Value / tokens.Millions).ToString("0.000", Inv) : "—";
        sb.AppendLine(Inv, $"  {"Batch API (at deadline)",-26}{Quantity.Short(tokens.Value, precise: true),10} {price,8}{b.BatchApi,14}");
    }

    /// <summary>The bill by class, and how deferral works, under the savings.</summary>
    public static void Block(StringBuilder sb, Bill b, TrafficClasses classes)
    {
        sb.AppendLine();
        if (!classes.Classes.Any(c => c.Deferrable))
        {
            InteractiveBlock(sb, b, classes);
            return;
        }
        sb.AppendLine(Inv, $"  {"By class",-28}{"demand",9}{"on arrival",12}{"deferred",10}{"spilled",10}{"batch API",11}{"total",13}{"saving",12}");
        for (int i = 0; i < b.ByClass.Count; i++)
        {
            ClassBillLine l = b.ByClass[i];
            TrafficClassSpec spec = classes.Classes[i];
            string label = spec.DeadlineHours is { } h
                ? $"{l.Tokens.Name} ({h.ToString("0.##", Inv)} h, {l.BatchDiscount.ToString("0.# %", Inv)} off)"
                : l.Tokens.Name == "interactive" ? l.Tokens.Name : $"{l.Tokens.Name} (interactive)";
            sb.AppendLine(Inv, $"  {Fit(label, 28),-28}{Short(l.Tokens.Demand),9}{Short(l.Tokens.SelfHostedOnArrival),12}{Short(l.Tokens.SelfHostedDeferred),10}" +
                               $"{Short(l.Tokens.Spilled),10}{Short(l.Tokens.BatchApi),11}{l.Total,13}{l.Savings,12}");
        }
        sb.AppendLine(Inv, $"  Deferrable tokens wait for the capacity the interactive demand leaves, earliest deadline first; at the deadline");
        sb.AppendLine(Inv, $"  they go to the batch API at the class's discount (none is served late; {Quantity.Short(b.ByClass.Sum(l => l.Tokens.BatchApiAtHorizonEnd.Value), precise: true)} still held at the horizon's end count as batch API).");
        // A fixed fleet's nodes are paid either way: what deferral is worth is what the deferred tokens would have cost at the batch tier.
        Usd worth = new(b.ByClass.Sum(l => Pricing.BatchTier.Cost(b.Prices.Api, l.Tokens.SelfHostedDeferred, l.BatchDiscount).Value));
        sb.AppendLine(Inv, $"  A class's saving shares the node bill by self-hosted tokens (an allocation, not its worth); on this fixed fleet, deferring is worth {worth}");
        sb.AppendLine("  over the run: what the deferred tokens would cost at the batch tier, served instead by capacity the fleet pays for anyway.");
    }

    /// <summary>Classes that are all interactive: what each class sent where, its bill, and the priority rule when there is one.</summary>
    private static void InteractiveBlock(StringBuilder sb, Bill b, TrafficClasses classes)
    {
        sb.AppendLine(Inv, $"  {"By class",-28}{"demand",9}{"self-hosted",12}{"spilled",10}{"total",13}{"saving",12}");
        for (int i = 0; i < b.ByClass.Count; i++)
        {
            ClassBillLine l = b.ByClass[i];
            TrafficClassSpec spec = classes.Classes[i];
            string label = $"{l.Tokens.Name} (priority {spec.Priority}" + (spec.ReservedSlots > 0 ? $", keeps {spec.ReservedSlots})" : ")");
            sb.AppendLine(Inv, $"  {Fit(label, 28),-28}{Short(l.Tokens.Demand),9}{Short(l.Tokens.SelfHostedOnArrival),12}{Short(l.Tokens.Spilled),10}{l.Total,13}{l.Savings,12}");
        }
        if (classes.ReservesSlots)
        {
            sb.AppendLine("  A class is admitted only while more slots are free than the classes more important than it keep (reserved_slots);");
            sb.AppendLine("  otherwise it spills to the API at once. Kept slots sit idle when their classes leave them (docs/model.md, Priorities).");
        }
        sb.AppendLine("  A class's saving shares the node bill by self-hosted tokens: an allocation, not its worth.");
    }

    /// <summary>
    /// compare's lines for traffic classes: each policy's deferred and batch-tier tokens and the batch tier's bill, and
    /// the rule the policies follow (they scale on the interactive demand; the deferred work fills what they leave idle).
    /// </summary>
    public static void PolicyBlock(StringBuilder sb, IReadOnlyList<Runs.PolicyResult> runs, TrafficClasses classes)
    {
        int usd = Math.Max(12, runs.Max(r => r.Bill.BatchApi.ToString().Length) + 2);
        sb.AppendLine(Inv, $"  {"Classes: tokens",-26}{"on arrival",12}{"spilled",10}{"deferred",10}{"batch API",11}{"batch $".PadLeft(usd)}");
        foreach (Runs.PolicyResult r in runs)
        {
            Bill b = r.Bill;
            double interactive = b.ByClass.Where(l => !l.Tokens.Deferrable).Sum(l => l.Tokens.SelfHostedOnArrival.Value);
            double spilled = b.ByClass.Sum(l => l.Tokens.Spilled.Value);
            double deferred = b.ByClass.Sum(l => l.Tokens.SelfHostedDeferred.Value);
            sb.AppendLine(Inv, $"  {r.Label,-26}{Quantity.Short(interactive, precise: true),12}{Quantity.Short(spilled, precise: true),10}" +
                               $"{Quantity.Short(deferred, precise: true),10}{Short(b.BatchApiTokens),11}{b.BatchApi.ToString().PadLeft(usd)}");
        }
        string deferrable = string.Join(", ", classes.Classes.Where(c => c.Deferrable).Select(c => $"{c.Name} {c.Share.ToString("0.##%", Inv)} within {c.DeadlineHours!.Value.ToString("0.##", Inv)} h"));
        sb.AppendLine(Inv, $"  Each policy scales on the interactive demand; the deferrable work ({deferrable}) fills the capacity it leaves idle,");
        sb.AppendLine("  earliest deadline first, and goes to the batch API at its deadline. The policy rows' API $ and spill % count the batch");
        sb.AppendLine("  tier too (spill % is all tokens sent to either API); the lines above split them. floor, breakeven and schedule size");
        sb.AppendLine("  on the interactive demand too, so floor here is not fleet.replicas: floor, which fleetsim run sizes on all the traffic.");
    }

    private static string Short(Tokens t) => Quantity.Short(t.Value, precise: true);

    private static string Fit(string s, int width) => s.Length <= width ? s : s[..(width - 1)] + "…";
}
