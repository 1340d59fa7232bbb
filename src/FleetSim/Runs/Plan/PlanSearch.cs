using FleetSim.Engine;
using FleetSim.Pricing;
using FleetSim.Scaling;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Runs.Plan;

/// <summary>
/// <c>fleetsim plan</c>'s search: every node type × instance size × tensor-parallel replica × pool mix ×
/// policy (with the reactive targets) the catalogue and the scenario's <c>plan:</c> section allow, each
/// priced on the minute engine over the scenario's month, the scenario's own fleet under compare's
/// policies among them; then the cheapest few verified by Monte Carlo.
/// </summary>
public static class PlanSearch
{
    /// <summary>Said when a plan with an SLO has deferrable classes: what its SLO check measures.</summary>
    public const string SloWithClasses =
        "slo with traffic.classes: a fixed plan's SLO is measured on the request engine with the interactive classes alone (deferred work yields " +
        "its slots to them, so this runs on every router with a request form), a changing plan's at its worst case; a deferrable class's objective " +
        "is its deadline, met by construction (what would miss it goes to the batch tier)";

    /// <summary>Most candidates one search prices; a catalogue and plan section that would make more is refused.</summary>
    public const int MaxCandidates = 20_000;

    /// <summary>
    /// Searches <paramref name="catalogue"/> for the cheapest way to serve <paramref name="scenario"/>'s traffic.
    /// </summary>
    /// <exception cref="ScenarioException">The catalogue has no replica of the model, or the search would be too large.</exception>
    public static PlanResult Run(ScenarioSpec scenario, NodeCatalogue catalogue, IProgress<double>? progress = null)
    {
        PlanSpec plan = scenario.Plan;
        // Policies run on the minute engine: a router without a minute form is refused here, once, before any work.
        _ = new FleetEconomics(scenario);
        string model = ModelOf(plan, catalogue);
        DemandSeries expected = DemandBuilder.Build(scenario.Traffic, scenario.Horizon);
        DemandSeries month = DemandBuilder.Realize(expected, scenario.Traffic.Noise, scenario.Seed);
        var exclusions = new List<PlanExclusion>();

        // The scenario's own fleet under compare's deployable policies: the plan is never dearer than compare's best.
        var first = new List<PlanCandidate>();
        foreach (string policy in scenario.Scaling.Policies.Where(p => p != OracleBound.Name))
        {
            first.Add(new PlanCandidate(null, null, scenario.Replica.GpusPerNode, PoolMix.OnDemand, policy, null, 0));
        }
        foreach ((NodeType node, CatalogueReplica replica, int size) in Shapes(catalogue, model, exclusions))
        {
            foreach (PoolMix pool in plan.Pools)
            {
                if (WhyNotSold(node, pool) is not null)
                {
                    continue; // summed up per pool below
                }
                if (IsReserved(pool))
                {
                    continue; // sized from the on-demand run of the same policy, below
                }
                foreach (string policy in plan.Policies)
                {
                    foreach (double? target in Targets(policy, plan))
                    {
                        first.Add(new PlanCandidate(node, replica, size, pool, policy, target, 0));
                    }
                }
            }
        }
        NotSold(catalogue, model, plan, exclusions);
        foreach (NodeType unused in catalogue.NodeTypes.Where(n => !catalogue.ReplicasOf(model).Any(r => string.Equals(r.Gpu, n.Gpu, StringComparison.OrdinalIgnoreCase))))
        {
            exclusions.Add(new PlanExclusion(unused.Name, $"the catalogue has no replica of {model} on {unused.Gpu}"));
        }
        if (first.Count > MaxCandidates)
        {
            throw new ScenarioException(catalogue.Path, "plan", $"the catalogue and the plan: section make {first.Count:N0} candidates, more than {MaxCandidates:N0}; name fewer pools, policies or reactive_targets");
        }

        var reservedCandidates = new List<PlanCandidate>[first.Count];
        PlanEstimate?[] estimates = Estimate(scenario, expected, month, first, exclusions,
            (i, c, run, spec) => reservedCandidates[i] = ReservedBases(scenario, expected, month, c, run, spec));
        PlanEstimate?[] reservedEstimates = Estimate(scenario, expected, month, [.. reservedCandidates.Where(r => r is not null).SelectMany(r => r).Distinct()], exclusions);
        progress?.Report(0.7);

        PlanEstimate[] ranked = [.. estimates.Concat(reservedEstimates).OfType<PlanEstimate>().OrderBy(e => e.TotalUsd).ThenBy(e => e.Candidate.NodeTypeName, StringComparer.Ordinal)];
        if (ranked.Length == 0)
        {
            throw new ScenarioException(catalogue.Path, "plan", "no candidate could be priced: every replica misses the scenario's slo, or no pool asked for is sold; see plan.pools and slo");
        }
        PlanEstimate comparesBest = ranked.Where(e => e.Candidate.IsScenarios).MinBy(e => e.TotalUsd)!;
        // The cheapest K that may be deployed, the cheapest estimate beside them when it is cheaper still (worth
        // benchmarking, never the plan unless estimates are trusted), and compare's own best for reference.
        var toVerify = ranked.Where(e => Deployable(e.Candidate, plan)).Take(plan.Top).ToList();
        if (ranked.FirstOrDefault(e => !Deployable(e.Candidate, plan)) is { } estimate && (toVerify.Count == 0 || estimate.TotalUsd < toVerify[0].TotalUsd))
        {
            toVerify.Add(estimate);
        }
        if (!toVerify.Contains(comparesBest))
        {
            toVerify.Add(comparesBest);
        }
        var verified = new PlanVerification[toVerify.Count];
        InParallel(() => Parallel.For(0, toVerify.Count, i => verified[i] = PlanVerification.Of(scenario, toVerify[i], plan.Runs)));
        progress?.Report(1.0);
        // Deployable first, then met, unchecked, missed (a plan is only recommended when it is shown to meet the SLO), then by cost.
        PlanVerification[] ordered = [.. verified.OrderBy(v => !Deployable(v.Candidate, plan)).ThenBy(v => v.MeetsSlo switch { true => 0, null => 1, false => 2 })
                                                 .ThenBy(v => v.RankingUsd)];
        if (scenario.Slo is not null && ordered[0].MeetsSlo != true)
        {
            throw new ScenarioException("plan", "slo", NoPlanMeets(ordered[0]));
        }
        var warnings = new List<string>();
        if (scenario.Slo is not null && scenario.Traffic.Classes is { } classes && classes.Classes.Any(c => c.Deferrable))
        {
            warnings.Add(SloWithClasses);
        }
        if (plan.Model is null)
        {
            warnings.Add($"plan.model is not set: planning for the catalogue's only model, '{model}'; the scenario's traffic and API prices are taken to be that model's (set plan.model to say so)");
        }
        return new PlanResult(scenario, catalogue, model, ranked, ordered, ordered.First(v => v.Estimate == comparesBest), exclusions, month) { Warnings = warnings };
    }

    /// <summary>The model the plan is for: the plan section's, or the catalogue's only one.</summary>
    private static string ModelOf(PlanSpec plan, NodeCatalogue catalogue)
    {
        string[] models = [.. catalogue.Models];
        if (plan.Model is { } named)
        {
            return models.FirstOrDefault(m => string.Equals(m, named, StringComparison.OrdinalIgnoreCase))
                ?? throw new ScenarioException(catalogue.Path, "plan.model", $"the catalogue has no replica of '{named}'; it has {string.Join(", ", models)}");
        }
        return models.Length switch
        {
            1 => models[0],
            0 => throw new ScenarioException(catalogue.Path, "replicas", "the catalogue lists no model replicas"),
            _ => throw new ScenarioException(catalogue.Path, "plan.model", $"the catalogue has replicas of several models ({string.Join(", ", models)}); name one in the scenario's plan.model"),
        };
    }

    /// <summary>Every (node type, replica, instance size) where the replica's GPU is the node's and its TP size divides the instance.</summary>
    private static IEnumerable<(NodeType, CatalogueReplica, int)> Shapes(NodeCatalogue catalogue, string model, List<PlanExclusion> exclusions)
    {
        foreach (CatalogueReplica replica in catalogue.ReplicasOf(model))
        {
            foreach (NodeType node in catalogue.NodeTypes.Where(n => string.Equals(n.Gpu, replica.Gpu, StringComparison.OrdinalIgnoreCase)))
            {
                int[] sizes = [.. node.InstanceSizes.Where(s => s >= replica.TensorParallel && s % replica.TensorParallel == 0)];
                if (sizes.Length == 0)
                {
                    exclusions.Add(new PlanExclusion($"{node.Name} TP{replica.TensorParallel}", $"no instance size of {node.Name} holds a {replica.TensorParallel}-GPU replica"));
                }
                foreach (int size in sizes)
                {
                    yield return (node, replica, size);
                }
            }
        }
    }

    /// <summary>True when a candidate may be the plan: measured (or the scenario's own), or any when estimates are trusted.</summary>
    public static bool Deployable(PlanCandidate candidate, PlanSpec plan) => plan.TrustEstimates || !candidate.Estimated;

    /// <summary>One line per pool mix asked for that some node types do not sell, naming them.</summary>
    private static void NotSold(NodeCatalogue catalogue, string model, PlanSpec plan, List<PlanExclusion> exclusions)
    {
        NodeType[] runsModel = [.. catalogue.NodeTypes.Where(n => catalogue.ReplicasOf(model).Any(r => string.Equals(r.Gpu, n.Gpu, StringComparison.OrdinalIgnoreCase)))];
        foreach (PoolMix pool in plan.Pools)
        {
            string[] unsold = [.. runsModel.Where(n => WhyNotSold(n, pool) is not null).Select(n => n.Name)];
            if (unsold.Length > 0)
            {
                string price = pool switch
                {
                    PoolMix.SpotBursts or PoolMix.SpotBase => "a spot price",
                    PoolMix.Reserved3Year => "a 3-year reserved price",
                    PoolMix.Reserved1YearSpotBursts => "a 1-year reserved and a spot price",
                    PoolMix.Reserved3YearSpotBursts => "a 3-year reserved and a spot price",
                    _ => "a 1-year reserved price",
                };
                exclusions.Add(new PlanExclusion($"pool {PoolMixes.Name(pool)}",
                    $"{unsold.Length} of {runsModel.Length} node types lack {price} in the catalogue: {string.Join(", ", unsold)}"));
            }
        }
    }

    private static IEnumerable<double?> Targets(string policy, PlanSpec plan) =>
        policy == "reactive" ? plan.ReactiveTargets.Select(t => (double?)t) : [null];

    private static bool IsReserved(PoolMix pool) => PoolMixes.ReservedTermMonths(pool) is not null;

    private static string? WhyNotSold(NodeType node, PoolMix pool)
    {
        NodePrices p = node.Prices;
        if (PoolMixes.UsesSpot(pool) && p.Spot is null)
        {
            return "the catalogue has no spot price for it";
        }
        return IsReserved(pool) && PoolMixes.ReservedPrice(pool, p) is null
            ? $"the catalogue has no {PoolMixes.ReservedTermMonths(pool) / 12}-year reserved price for it"
            : null;
    }

    /// <summary>
    /// The reserved-instance break-even on a node-count duration curve: the largest level k such that the
    /// fleet holds at least k nodes for at least <paramref name="priceRatio"/> (reserved ÷ on-demand
    /// $/GPU-hour) of the minutes. A reserved node costs the ratio × every hour; on demand it costs the hours
    /// it is held, so the k-th node is cheaper reserved exactly when it is held longer than that share.
    /// </summary>
    public static int ReservedLevel(PolicyRun run, double priceRatio, int replicasPerNode)
    {
        int[] serving = run.Serving;
        if (serving.Length == 0 || priceRatio >= 1)
        {
            return 0;
        }
        var nodes = new int[serving.Length];
        for (int m = 0; m < serving.Length; m++)
        {
            nodes[m] = (serving[m] + replicasPerNode - 1) / replicasPerNode;
        }
        Array.Sort(nodes);
        // Sorted ascending, nodes[N − h] is a level held in h minutes: take h the fewest minutes that reach the ratio.
        int held = (int)Math.Ceiling(priceRatio * nodes.Length - 1e-9);
        return nodes[Math.Clamp(nodes.Length - held, 0, nodes.Length - 1)];
    }

    /// <summary>Why no verified plan is recommended under the SLO: the cheapest's objectives, each measured, bounded or unchecked.</summary>
    private static string NoPlanMeets(PlanVerification cheapest)
    {
        var objectives = cheapest.Slo.Where(r => r.Met != true).Select(r =>
            r.P95Seconds is { } p95 ? $"{r.Measure} P95 measured at {p95:0.###} s against {r.TargetSeconds:0.###} s"
            : r.WorstCaseP95Seconds is { } w ? $"{r.Measure} not measured (a changing fleet: the request engine runs fixed fleets only) and its worst case, {w:0.###} s, is over {r.TargetSeconds:0.###} s"
            : $"{r.Measure} not checked ({r.WhyUnbounded})");
        return $"no verified plan is shown to meet it; the cheapest ({cheapest.Candidate.PolicyLabel} on {cheapest.Candidate.NodeTypeName}): {string.Join("; ", objectives)}. " +
               "Loosen the objective, give replicas that meet it (a catalogue curve, a lower max_in_flight), or drop it to see the cheapest plan without it";
    }

    /// <summary>Runs <paramref name="work"/>; a refusal raised inside a parallel loop reaches the caller as itself, not wrapped.</summary>
    private static void InParallel(Action work)
    {
        try
        {
            work();
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions is [var first, ..] && first is ScenarioException or NoMinuteFormException)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }
    }

    /// <summary>
    /// The reserved-base candidates an on-demand catalogue candidate leads to, for each reserved pool the node
    /// type sells: the base is the reserved-instance break-even level (<see cref="ReservedLevel"/>) of two runs of
    /// the same policy, the on-demand one (the fleet as it runs today) and one with every node at the reserved
    /// price (the fleet cheaper nodes would make worth running; on-demand nodes dearer than the API run none).
    /// </summary>
    private static List<PlanCandidate> ReservedBases(ScenarioSpec scenario, DemandSeries expected, DemandSeries month, PlanCandidate c, PolicyRun onDemand, ScenarioSpec spec)
    {
        var bases = new List<PlanCandidate>();
        if (c.IsScenarios || c.Pool != PoolMix.OnDemand)
        {
            return bases;
        }
        NodeType node = c.NodeType!;
        foreach (PoolMix pool in scenario.Plan.Pools.Where(IsReserved))
        {
            if (WhyNotSold(node, pool) is not null)
            {
                continue;
            }
            double reserved = PoolMixes.ReservedPrice(pool, node.Prices)!.Value.Value;
            double ratio = reserved / node.Prices.OnDemand.Value;
            ScenarioSpec atReserved = spec with { Replica = spec.Replica with { GpuPrice = new Units.UsdPerGpuHour(reserved) } };
            PolicyRun cheaper = PolicyEngine.Run(c.Policy, atReserved, expected, month, new FleetEconomics(atReserved), atReserved.Seed);
            foreach (int level in new[] { ReservedLevel(onDemand, ratio, spec.Replica.ReplicasPerNode), ReservedLevel(cheaper, ratio, spec.Replica.ReplicasPerNode) }.Distinct())
            {
                int nodes = Math.Min(level, scenario.Scaling.MaxNodes ?? int.MaxValue);
                if (nodes > 0)
                {
                    bases.Add(c with { Pool = pool, ReservedNodes = nodes });
                }
            }
        }
        return bases;
    }

    /// <summary>
    /// Prices each candidate on the minute engine over <paramref name="month"/>, in parallel; null where the replica
    /// misses the SLO. <paramref name="followUp"/>, when given, sees each candidate's run while it is in hand.
    /// </summary>
    private static PlanEstimate?[] Estimate(ScenarioSpec scenario, DemandSeries expected, DemandSeries month, List<PlanCandidate> candidates, List<PlanExclusion> exclusions,
                                            Action<int, PlanCandidate, PolicyRun, ScenarioSpec>? followUp = null)
    {
        var results = new PlanEstimate?[candidates.Count];
        var missed = new string?[candidates.Count];
        // Every policy of one shape shares its economics (router tables, prices): group by shape and pool.
        var groups = candidates.Select((c, i) => (c, i)).GroupBy(x => (x.c.NodeType, x.c.Replica, x.c.InstanceGpus, x.c.Pool, x.c.ReservedNodes)).ToArray();
        InParallel(() => Parallel.ForEach(groups, group =>
        {
            ScenarioSpec? spec = group.First().c.ScenarioFor(scenario);
            if (spec is null)
            {
                foreach ((PlanCandidate c, int i) in group)
                {
                    missed[i] = $"{c.NodeTypeName} TP{c.Replica!.TensorParallel}";
                }
                return;
            }
            var economics = new FleetEconomics(spec);
            foreach ((PlanCandidate c, int i) in group)
            {
                // The economics read the replica, prices, router and traffic only: a reactive target leaves them as they are.
                ScenarioSpec run = c.ReactiveTarget is null ? spec : c.ScenarioFor(scenario)!;
                PolicyRun result = PolicyEngine.Run(c.Policy, run, expected, month, economics, run.Seed);
                results[i] = PlanEstimate.Of(c, result, Economics.Bill.For(result, economics.Prices));
                followUp?.Invoke(i, c, result, run);
            }
        }));
        foreach (string what in missed.OfType<string>().Distinct())
        {
            exclusions.Add(new PlanExclusion(what, "no max in flight meets the scenario's slo: even a lone request misses it"));
        }
        return results;
    }
}
