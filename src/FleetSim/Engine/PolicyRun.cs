using FleetSim.Fleet;
using FleetSim.Traffic;
using FleetSim.Units;

namespace FleetSim.Engine;

/// <summary>One autoscaling policy's horizon: what served each minute, the nodes it leased, and the bill.</summary>
public sealed record PolicyRun(
    string Policy,
    DemandSeries Demand,
    double[] Served,
    int[] Serving,
    IReadOnlyList<NodeLease> Leases,
    Usd SelfHost,
    Usd AllApi,
    Usd Spill,
    Tokens SelfHosted,
    Tokens Spilled,
    double ReplicaThroughput,
    int ScaleEvents,
    int DeniedNodes,
    int Failures,
    int Preemptions)
{
    public Usd Total => SelfHost + Spill;

    public Usd Savings => AllApi - Total;

    public double SavingsFraction => Savings / AllApi;

    public double SpillShare => Spilled / Demand.Total;

    /// <summary>Node-hours leased (reserved nodes count the whole horizon).</summary>
    public double NodeHours => Leases.Sum(l => l.Kind == NodeKind.Reserved ? Demand.Minutes : l.Minutes(Demand.Minutes)) / 60.0;

    /// <summary>Served tokens over what the serving replicas could have processed.</summary>
    public double Utilization
    {
        get
        {
            double capacityMinutes = 0;
            foreach (int s in Serving)
            {
                capacityMinutes += s;
            }
            return capacityMinutes == 0 ? 0 : SelfHosted.Value / (capacityMinutes * ReplicaThroughput * 60.0);
        }
    }

    public double MeanServingReplicas => Serving.Average();
}
