using FleetSim.Economics;
using FleetSim.Engine.Requests;
using FleetSim.Fleet;
using FleetSim.Routing;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Engine;

/// <summary>
/// A scenario run end to end: demand, fleet, the router's bill on the chosen engine, and the fluid
/// bill beside it (the seed's arithmetic) so the gap between the two is always visible. A request
/// engine run also carries the minute engine's bill for the same router, where it has one.
/// </summary>
public sealed record ScenarioRun(
    ScenarioSpec Scenario,
    DemandSeries Demand,
    EngineChoice Engine,
    Bill Bill,
    Bill FluidBill,
    MinuteRun? Minutes,
    RequestRun? Requests,
    Bill? MinuteBill)
{
    public static ScenarioRun Of(ScenarioSpec scenario, EngineChoice engine = EngineChoice.Auto)
    {
        DemandSeries average = DemandBuilder.Build(scenario.Traffic, scenario.Horizon);
        DemandSeries demand = DemandBuilder.Realize(average, scenario.Traffic.Noise, scenario.Seed);
        int replicas = FleetSizing.Replicas(scenario.Fleet, scenario.Replica, average);
        var fleet = new FleetShape(replicas, scenario.Replica);
        string? noMinuteForm = MinuteRouter.WhyNoMinuteForm(scenario.Router);
        if (engine == EngineChoice.Auto)
        {
            engine = noMinuteForm is null ? EngineChoice.Minute : EngineChoice.Request;
        }
        if (engine == EngineChoice.Request && scenario.Router.Mode == RouterMode.Fluid)
        {
            throw new NoMinuteFormException(
                "router mode 'fluid' is the minute engine's spreadsheet arithmetic and has no request-level form; " +
                "use mode spill, queue or cooldown with --engine request");
        }
        RequestMix mix = scenario.Traffic.RequestMix;
        MinuteRun? minutes = noMinuteForm is null || engine == EngineChoice.Minute
            ? MinuteEngine.Run(demand, fleet, scenario.Router, mix)
            : null;
        Bill? minuteBill = minutes is null ? null : BillCalculator.For(scenario, minutes);
        Bill fluid = scenario.Router.Mode == RouterMode.Fluid && minuteBill is not null
            ? minuteBill
            : BillCalculator.For(scenario, MinuteEngine.Run(demand, fleet, new RouterSpec(RouterMode.Fluid), mix));
        if (engine == EngineChoice.Minute)
        {
            return new ScenarioRun(scenario, demand, engine, minuteBill!, fluid, minutes, null, null);
        }
        RequestRun requests = RequestEngine.Run(scenario, demand, fleet, scenario.Seed);
        return new ScenarioRun(scenario, demand, engine, BillCalculator.For(scenario, requests), fluid, minutes, requests, minuteBill);
    }

    /// <summary>Everything the loader, the traffic fit and the run noticed without refusing.</summary>
    public IEnumerable<string> Warnings => Scenario.Warnings.Concat(Demand.Warnings).Concat(RunWarnings());

    private IEnumerable<string> RunWarnings()
    {
        if (Scenario.Pricing.ReservedNodes > 0 || Scenario.Pricing.Spot is not null)
        {
            yield return "pricing: run bills its fixed fleet at replica.usd_per_gpu_hour for the whole horizon; reserved and spot prices apply in compare, sweep, report and tiers";
        }
        if (Requests is { } r && r.Requests.Unfinished > 0)
        {
            string why = r.Router.TimeoutSeconds is null && r.Requests.Unfinished > 0.01 * r.Requests.Total
                ? ": without a timeout this fleet cannot keep up"
                : " (they had not waited out their timeout yet)";
            yield return $"{r.Requests.Unfinished:N0} requests were still waiting for a slot when the horizon ended and count as dropped{why}";
        }
        if (Bill.Dropped.Value > 0)
        {
            yield return $"{Units.Quantity.Short(Bill.Dropped.Value, precise: true)} dropped tokens are in neither bill; at the API they would cost " +
                         $"{(Bill.Dropped * Bill.ApiPrice).ToShortString()}, so the saving counting them is {((Bill.Savings - Bill.Dropped * Bill.ApiPrice) / Bill.AllApi):P1}";
        }
    }
}
