using System.Globalization;
using System.Text;
using FleetSim.Routing;
using FleetSim.Scenario;
using FleetSim.Tests.Routing.Reference;

namespace FleetSim.Tests.Routing;

/// <summary>The minute forms evaluated on grid cases, and the markdown table of form against reference.</summary>
public static class GridReport
{
    /// <summary>The minute form's fall-back share for a case, or null with the reason when it refuses.</summary>
    public static double? Form(GridCase g, out string? whyNot)
    {
        SizeDistribution sizes = g.Exponential ? SizeDistribution.Exponential : SizeDistribution.LogNormal;
        if (g.Picker == ReferencePicker.Shuffle)
        {
            whyNot = ReplicaQueues.WhyNoMinuteForm(g.Slots, g.Patience, sizes, g.Cv);
            return whyNot is null
                ? ReplicaQueues.ShuffleFallbackShare(g.Replicas, g.Slots, g.ArrivalRate, g.MeanService, g.Patience, sizes, g.Cv)
                : null;
        }
        whyNot = LeastBusyQueue.WhyNoMinuteForm(g.Replicas, g.Slots, g.MeanService, g.Patience, sizes, g.Cv);
        return whyNot is null
            ? LeastBusyQueue.FallbackShare(g.Replicas, g.Slots, g.ArrivalRate, g.MeanService, g.Patience, sizes, g.Cv)
            : null;
    }

    /// <summary>Markdown: per picker, a row per (n, c, τ, sizes), a column per load: reference % and form − reference in points.</summary>
    public static string Markdown(IReadOnlyList<(GridCase Case, ReferenceResult Result)> rows, out double worstAccepted, out int refused, out int accepted)
    {
        var sb = new StringBuilder();
        worstAccepted = 0;
        refused = 0;
        accepted = 0;
        double[] loads = rows.Select(r => r.Case.Load).Distinct().Order().ToArray();
        foreach (var byPicker in rows.GroupBy(r => r.Case.Picker))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"### {byPicker.Key}");
            sb.AppendLine();
            sb.AppendLine("| n | c | τ s | sizes | " + string.Join(" | ", loads.Select(l => $"ρ {l.ToString(CultureInfo.InvariantCulture)}")) + " |");
            sb.AppendLine("|---|---|---|---|" + string.Concat(loads.Select(_ => "---|")));
            foreach (var row in byPicker.GroupBy(r => (r.Case.Replicas, r.Case.Slots, r.Case.Patience, r.Case.Sizes)))
            {
                sb.Append(CultureInfo.InvariantCulture, $"| {row.Key.Replicas} | {row.Key.Slots} | {row.Key.Patience} | {row.Key.Sizes} |");
                foreach (double load in loads)
                {
                    var cell = row.FirstOrDefault(r => r.Case.Load == load);
                    if (cell.Case.Replicas == 0)
                    {
                        sb.Append(" |");
                        continue;
                    }
                    double? form = Form(cell.Case, out _);
                    string reference = (100 * cell.Result.FallbackShare).ToString("F2", CultureInfo.InvariantCulture);
                    if (form is double f)
                    {
                        double diff = 100 * (f - cell.Result.FallbackShare);
                        worstAccepted = Math.Max(worstAccepted, Math.Abs(diff));
                        accepted++;
                        string mark = Math.Abs(diff) > 0.5 ? "**" : "";
                        sb.Append(CultureInfo.InvariantCulture, $" {reference} ({mark}{diff:+0.00;-0.00;0.00}{mark}) |");
                    }
                    else
                    {
                        refused++;
                        sb.Append(CultureInfo.InvariantCulture, $" {reference} (—) |");
                    }
                }
                sb.AppendLine();
            }
            sb.AppendLine();
        }
        return sb.ToString();
    }
}
