using FleetSim.Fleet;
using FleetSim.Scenario;
using FleetSim.Traffic;
using FleetSim.Units;

namespace FleetSim.Engine;

/// <summary>What the minute engine found for one fixed fleet: what was served in each minute.</summary>
public sealed class MinuteRun
{
    private readonly double[] _served;

    public MinuteRun(DemandSeries demand, FleetShape fleet, RouterMode router, double[] served, double servedSum)
    {
        Demand = demand;
        Fleet = fleet;
        Router = router;
        _served = served;
        SelfHosted = new Tokens(servedSum * 60.0);
    }

    public DemandSeries Demand { get; }
    public FleetShape Fleet { get; }
    public RouterMode Router { get; }

    /// <summary>tok/s served by the fleet in each minute; the rest of the minute's demand went to the API.</summary>
    public ReadOnlySpan<double> Served => _served;

    public Tokens SelfHosted { get; }

    /// <summary>Spilled tokens the API turned away (its rate limits, its outages): served by nobody.</summary>
    public Tokens DroppedTokens { get; init; }

    /// <summary>With traffic classes: each class's tokens and the minutes split into interactive and deferred; null without.</summary>
    public Deferral.ClassedMinutes? Classes { get; init; }

    /// <summary>Where the demand went: served, spilled to the API, or turned away at the API's door.</summary>
    public FleetOutcome Outcome => FleetOutcome.Of(Demand.Total, SelfHosted, DroppedTokens, Fleet.Capacity.Over(Demand.Horizon), Utilization, TroughUtilization);

    /// <summary>Served tokens over what the fleet could have processed in the horizon.</summary>
    public double Utilization => FleetOutcome.BusyShare(SelfHosted.Value / 60.0, (double)Fleet.Replicas * Demand.Minutes, Fleet.Replica.Throughput.Value);

    /// <summary>Utilization during the hour of lowest demand.</summary>
    public double TroughUtilization
    {
        get
        {
            if (Fleet.Replicas == 0)
            {
                return 0;
            }
            int hour = Demand.TroughHour();
            ReadOnlySpan<double> minutes = Served.Slice(hour * 60, Math.Min(60, _served.Length - hour * 60));
            double sum = 0;
            foreach (double s in minutes)
            {
                sum += s;
            }
            return FleetOutcome.BusyShare(sum, (double)Fleet.Replicas * minutes.Length, Fleet.Replica.Throughput.Value);
        }
    }
}
