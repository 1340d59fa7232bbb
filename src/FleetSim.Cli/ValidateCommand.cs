using FleetSim.Cli.Verbs;
using FleetSim.Engine;
using FleetSim.Runs;
using FleetSim.Scenario;
using FleetSim.Traffic;
using FleetSim.Units;

namespace FleetSim.Cli;

/// <summary>fleetsim validate: load a scenario and say what it describes, or what is wrong with it.</summary>
public static class ValidateCommand
{
    public static int Execute(ValidateOptions o, TextWriter stdout, TextWriter stderr)
    {
        ScenarioSpec s = ScenarioInput.Load(o.Scenario, o.Sets);
        DemandSeries demand = DemandBuilder.Build(s.Traffic, s.Horizon);
        int replicas = Runs.ScenarioRun.FleetFor(s, demand).Replicas;
        string fleet = s.Fleet is FloorFleet ? $"floor ({Quantity.Count(replicas, "replica")} at this traffic)" : Quantity.Count(replicas, "replica");
        stdout.WriteLine($"{o.Scenario}: ok");
        stdout.WriteLine($"  {s.Name}: {s.Horizon.Value:0.#} h, {Quantity.Short(demand.Total.Value)} processed tokens, " +
                         $"replica {Quantity.Count(s.Replica.Gpus, "GPU")} × {Quantity.Short(s.Replica.Throughput.Value)} tok/s × {s.Replica.MaxInFlight} in flight, " +
                         $"fleet {fleet}, router {s.Router.ModeName}, API ${new Pricing.ScenarioPrices(s).ApiPerMillion.Value:0.000}/M{(s.Api.Price.IsTyped ? " for this request mix" : "")}");
        if (s.Traffic.Classes is { } classes)
        {
            IReadOnlyList<double> discounts = Pricing.BatchTier.Discounts(classes, s.Api.Price);
            stdout.WriteLine("  classes: " + string.Join("; ", classes.Classes.Select((c, i) => Describe(c, discounts[i]))));
        }
        foreach (string w in s.Warnings.Concat(demand.Warnings))
        {
            stderr.WriteLine($"warning: {w}");
        }
        return ExitCode.Ok;
    }

    /// <summary>A class as validate prints it: its share; when it can wait, its deadline and what the batch tier takes off for what misses it; else its priority and reserved slots, if any.</summary>
    private static string Describe(TrafficClassSpec c, double discount) =>
        $"{c.Name} {c.Share * 100:0.#} % " + (c.DeadlineHours is { } h
            ? $"deferrable within {h:0.##} h, then the batch API at {discount * 100:0.#} % off"
            : "interactive" + (c.Priority != TrafficClassSpec.DefaultPriority ? $", priority {c.Priority}" : "")
              + (c.ReservedSlots > 0 ? $", keeps {Quantity.Count(c.ReservedSlots, "slot")} from less important classes" : ""));
}
