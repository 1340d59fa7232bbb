using FleetSim.Economics;
using FleetSim.Engine;
using FleetSim.Pricing;
using FleetSim.Scaling;
using FleetSim.Scenario;
using FleetSim.Traffic;
using FleetSim.Units;

namespace FleetSim.Runs.MonteCarlo;

/// <summary>
/// Everything a grid point's runs share: the scenario, its average traffic, the economics, and for
/// each policy whose fleet does not depend on the month's noise (static ones and the schedule,
/// without failures or spot preemptions) its fleet timeline and node bill, worked out once. With traffic classes
/// every month runs through <see cref="PolicyEngine"/> (the deferral pass needs the month's own interactive minutes).
/// </summary>
internal sealed class GridPointModel
{
    public GridPointModel(GridPoint point, ScenarioSpec scenario, IReadOnlyList<string> policies)
    {
        Point = point;
        Scenario = scenario;
        Expected = DemandBuilder.Build(scenario.Traffic, scenario.Horizon);
        Economics = new FleetEconomics(scenario);
        Prices = Economics.Prices;
        Policies = policies;
        InFlight = RunRecord.InFlightOf(scenario);
        bool random = SweepRunner.FleetIsRandom(scenario) || scenario.Traffic.Classes is not null;
        foreach (string name in policies)
        {
            string kind = name.Split(':')[0];
            if (!random && kind is "static" or "floor" or "breakeven" or "schedule")
            {
                PolicyRun timeline = PolicyEngine.Run(name, scenario, Expected, Expected, Economics, scenario.Seed);
                Fixed[name] = new FixedFleet(Spans(timeline.Serving), Bill.NodeCost(timeline.Leases, Expected.Minutes, Prices));
            }
        }
    }

    public GridPoint Point { get; }

    /// <summary>The policies this grid point runs (the sweep's, or the scenario's default list).</summary>
    public IReadOnlyList<string> Policies { get; }

    public ScenarioSpec Scenario { get; }

    /// <summary>The max in flight the replicas run with at this grid point, and as configured (<see cref="RunRecord.InFlightOf"/>).</summary>
    public (int Runs, int Configured) InFlight { get; }

    public DemandSeries Expected { get; }

    public FleetEconomics Economics { get; }

    public ScenarioPrices Prices { get; }

    /// <summary>Policies whose fleet is the same in every run.</summary>
    public Dictionary<string, FixedFleet> Fixed { get; } = [];

    private static (int Start, int Length, int Replicas)[] Spans(int[] serving)
    {
        var spans = new List<(int, int, int)>();
        int start = 0;
        for (int m = 1; m <= serving.Length; m++)
        {
            if (m == serving.Length || serving[m] != serving[start])
            {
                spans.Add((start, m - start, serving[start]));
                start = m;
            }
        }
        return [.. spans];
    }
}

/// <summary>A fleet timeline as spans of constant serving replicas, and what its nodes cost.</summary>
internal sealed record FixedFleet((int Start, int Length, int Replicas)[] Spans, Usd SelfHost);
