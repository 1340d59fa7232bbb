using FleetSim.Units;
using FleetSim.Economics;
using FleetSim.Engine;
using FleetSim.Engine.Requests;
using FleetSim.Fleet;
using FleetSim.Pricing;
using FleetSim.Routing;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Runs;

/// <summary>
/// A scenario run end to end: demand, fleet, the router's bill on the chosen engine, and the fluid
/// bill beside it (the seed's arithmetic) so the gap between the two is always visible. A request
/// engine run also carries the minute engine's bill for the same router, where it has one. Every
/// bill is priced by <see cref="Bill"/> from the engines' physical results and the fleet's leases.
/// </summary>
/// <param name="Fleet">The fixed fleet: whole nodes, each running all the replicas it holds.</param>
public sealed record ScenarioRun(
    ScenarioSpec Scenario,
    DemandSeries Demand,
    EngineChoice Engine,
    FleetShape Fleet,
    Bill Bill,
    Bill FluidBill,
    MinuteRun? Minutes,
    RequestRun? Requests,
    Bill? MinuteBill)
{
    /// <param name="expectedMonth">
    /// True: the traffic's average month, without its noise (the scenario's own bill, as a report
    /// shows it). False: the month drawn from the scenario's seed, as <c>fleetsim run</c> shows it.
    /// </param>
    public static ScenarioRun Of(ScenarioSpec scenario, EngineChoice engine = EngineChoice.Auto, bool expectedMonth = false)
    {
        DemandSeries average = DemandBuilder.Build(scenario.Traffic, scenario.Horizon);
        DemandSeries demand = expectedMonth ? average : DemandBuilder.Realize(average, scenario.Traffic.Noise, scenario.Seed);
        FleetShape fleet = FleetFor(scenario, average);
        string? noMinuteForm = MinuteRouter.WhyNoMinuteForm(scenario.Router, scenario.Replica, scenario.Traffic.RequestMix, fleet.Replicas)
            ?? (scenario.Traffic.Classes is { } ranked ? ClassPriorities.WhyNoMinuteForm(scenario.Router, ranked) : null);
        if (engine == EngineChoice.Auto)
        {
            engine = noMinuteForm is null ? EngineChoice.Minute : EngineChoice.Request;
        }
        if (engine == EngineChoice.Request && Routing.Router.For(scenario.Router).WhyNoRequestForm is { } noRequestForm)
        {
            throw new NoMinuteFormException(
                $"{noRequestForm}; use mode {string.Join(", ", RouterModes.Names.Where(n => n != scenario.Router.ModeName))} with --engine request");
        }
        TrafficClasses? classes = scenario.Traffic.Classes;
        if (engine == EngineChoice.Request && RequestClasses.Refusal(scenario, fleet) is { } refusal)
        {
            throw refusal;
        }
        var prices = new ScenarioPrices(scenario);
        IReadOnlyList<NodeLease> leases = fleet.Leases(scenario.Pricing.ReservedNodes, prices.Nodes.BaseKind, prices.Nodes.SpotCap);
        Bill Price(FleetOutcome outcome) => Bill.For(outcome, leases, demand.Minutes, prices);
        ClassedOutcome Classed(IReadOnlyList<Engine.Deferral.ClassTokens> tokens) =>
            new(tokens, BatchTier.Discounts(classes!, scenario.Api.Price)) { Shares = [.. classes!.Classes.Select(k => k.Share)] };
        Bill PriceMinutes(MinuteRun run) => run.Classes is { } c ? Price(run.Outcome) with { Classes = Classed(c.Classes) } : Price(run.Outcome);

        RequestMix mix = scenario.Traffic.RequestMix;
        MinuteRun? minutes = noMinuteForm is null || engine == EngineChoice.Minute
            ? MinuteEngine.Run(demand, fleet, scenario.Router, mix, scenario.Api, classes)
            : null;
        Bill? minuteBill = minutes is null ? null : PriceMinutes(minutes);
        Bill fluid = scenario.Router.Mode == RouterMode.Fluid && minuteBill is not null
            ? minuteBill
            : PriceMinutes(MinuteEngine.Run(demand, fleet, new RouterSpec(RouterMode.Fluid), mix, classes: classes));
        // With a class that can wait: the same fleet and tokens, every one interactive (the bill deferral is set against).
        Bill? allInteractive = minutes is not null && classes is not null && classes.Classes.Any(c => c.Deferrable)
            ? Price(MinuteEngine.Run(demand, fleet, scenario.Router, mix, scenario.Api).Outcome)
            : null;
        if (engine == EngineChoice.Minute)
        {
            // With classes the self-hosted path's latency is the interactive traffic's: deferred work yields its slots.
            ReadOnlySpan<double> onArrival = minutes!.Classes is { } cm ? cm.InteractiveDemand : demand.Rate;
            return new ScenarioRun(scenario, demand, engine, fleet, minuteBill!, fluid, minutes, null, null)
            {
                MinuteLatency = Routing.Router.For(scenario.Router).MinuteLatency(onArrival, fleet.Replicas, fleet.Replica, mix),
                AllInteractiveBill = allInteractive,
            };
        }
        RequestRun requests = RequestEngine.Run(scenario, demand, fleet, scenario.Seed);
        Bill bill = requests.Classes is { } rc ? Price(requests.Outcome) with { Classes = Classed(rc) } : Price(requests.Outcome);
        return new ScenarioRun(scenario, demand, engine, fleet, bill, fluid, minutes, requests, minuteBill) { AllInteractiveBill = allInteractive };
    }

    /// <summary>
    /// With a deferrable class: the same fleet's bill (minute engine) with every token interactive, served on arrival
    /// or spilled at list price, which deferral is set against; null without one.
    /// </summary>
    public Bill? AllInteractiveBill { get; init; }

    /// <summary>
    /// The scenario's fixed fleet: its rule's replicas filled to whole nodes, and at least the reserved
    /// nodes (they are paid for all horizon, so they serve). A LiteLLM deployment list is kept as given:
    /// the router only knows those deployments.
    /// </summary>
    public static FleetShape FleetFor(ScenarioSpec scenario, DemandSeries average)
    {
        ReplicaSpec replica = scenario.Replica;
        int replicas = scenario.Router.LiteLlmConfig is not null && scenario.Fleet is StaticFleet listed
            ? listed.Replicas
            : FleetSizing.Replicas(scenario.Fleet, replica, average);
        replicas = Math.Max(replicas, scenario.Pricing.ReservedNodes * replica.ReplicasPerNode);
        return new FleetShape(replicas, replica);
    }

    /// <summary>
    /// A minute-engine run's latency on the self-hosted path in closed form (the spill router's: see
    /// <see cref="Routing.SpillLatency"/>); null on the request engine, which measures it, and for
    /// routers with no such form.
    /// </summary>
    public Routing.LoadedLatency? MinuteLatency { get; init; }

    /// <summary>Said wherever the minute engine runs a scenario whose API has limits or outages.</summary>
    public const string ApiLimitsOnTheMinuteEngine =
        "api.requests_per_minute, tokens_per_minute and outages: the minute engine takes each minute's spill as Poisson requests and drops the " +
        "expected excess over the limits (docs/router-minute-forms.md); a burstier spill is turned away more (fleetsim run --engine request follows each request)";

    /// <summary>Everything the loader, the traffic fit and the run noticed without refusing.</summary>
    public IEnumerable<string> Warnings => Scenario.Warnings.Concat(Demand.Warnings).Concat(RunWarnings());

    private IEnumerable<string> RunWarnings()
    {
        if (Scenario.Fleet is StaticFleet s && FleetSizing.Filled("fleet.replicas", s.Replicas, Fleet.Replica) is { } filled && Fleet.IdleGpus == 0)
        {
            yield return filled;
        }
        if (Fleet.Replicas > FleetSizing.Replicas(Scenario.Fleet, Fleet.Replica, Demand))
        {
            yield return $"pricing.reserved_nodes: the {Scenario.Pricing.ReservedNodes} reserved nodes are paid for all horizon, so the fleet runs their {Quantity.Count(Fleet.Replicas, "replica")}";
        }
        if (Fleet.IdleGpus > 0)
        {
            yield return $"{Fleet.IdleGpus} GPUs of the {Fleet.Nodes} paid nodes run no replica: the LiteLLM config lists {Fleet.Replicas} deployments";
        }
        if (Scenario.Scaling.MaxNodes is { } cap && Fleet.Nodes > cap)
        {
            yield return $"scaling.max_nodes is {cap}, but the fixed fleet takes {Fleet.Nodes} nodes: run bills them all; compare's policies keep to the cap";
        }
        if (Engine == EngineChoice.Minute && (Scenario.Api.RequestsPerMinute is not null || Scenario.Api.TokensPerMinute is not null || Scenario.Api.Outages.Count > 0))
        {
            yield return ApiLimitsOnTheMinuteEngine;
        }
        if (Scenario.Scaling.Failures is not null || Scenario.Pricing is { SpotBaseFleet: true, Spot.PreemptionsPerNodeHour: > 0 })
        {
            yield return "run serves its fixed fleet without replica failures or spot preemptions; compare's static row includes them";
        }
        if (Requests is { } r && r.Requests.Unfinished > 0)
        {
            string why = r.Requests.Unfinished > 0.01 * r.Requests.Total
                ? r.Router.Mode == RouterMode.Queue && r.Router.PatienceSeconds is not null
                    ? " (they had not waited out their patience yet)"
                    : ": requests wait for a slot without a bound here, and this fleet cannot keep up"
                : " (they had not been served yet)";
            yield return $"{Quantity.Count(r.Requests.Unfinished, "request")} {(r.Requests.Unfinished == 1 ? "was" : "were")} still waiting for a slot when the horizon ended and {(r.Requests.Unfinished == 1 ? "counts" : "count")} as dropped{why}";
        }
        if (Bill.Dropped.Value >= 0.5) // a whole token: not the residue of summing fractional minutes
        {
            string level = Bill.DropShare > 0.01 ? "INFEASIBLE: " : "";
            yield return $"{level}{Units.Quantity.Short(Bill.Dropped.Value, precise: true)} tokens ({Bill.DropShare:P1} of demand) were served by nobody; " +
                         $"the bill prices them at the API ({Bill.Unserved.ToShortString()}), so they are no saving";
        }
    }
}
