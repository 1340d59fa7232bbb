using FleetSim.Economics;
using FleetSim.Engine;
using FleetSim.Fleet;
using FleetSim.Traffic;
using FleetSim.Units;

namespace FleetSim.Runs;

/// <summary>One policy's run beside its bill: the physics from the engine, the money from Economics.</summary>
public sealed record PolicyResult(PolicyRun Run, Bill Bill)
{
    public string Policy => Run.Policy;

    /// <summary>The name tables and charts print: "oracle (bound)" for the bound.</summary>
    public string Label => OracleBound.Label(Run.Policy);

    /// <summary>True for the oracle: a lower bound on cost no one can deploy, not a policy to choose.</summary>
    public bool IsBound => Run.IsBound;

    public DemandSeries Demand => Run.Demand;

    public double[] Served => Run.Served;

    public int[] Serving => Run.Serving;

    public IReadOnlyList<NodeLease> Leases => Run.Leases;

    public Usd SelfHost => Bill.SelfHost;

    /// <summary>What goes to the API: spillover plus any unserved tokens priced there.</summary>
    public Usd Spill => Bill.Spill + Bill.Unserved;

    public Usd Total => Bill.Total;

    public Usd Savings => Bill.Savings;

    public double SavingsFraction => Bill.SavingsFraction;

    public double Utilization => Bill.Utilization;

    public double SpillShare => Bill.SpillShare;

    public Tokens SelfHosted => Bill.SelfHosted;

    public Tokens Spilled => Bill.Spilled;

    public double NodeHours => Run.NodeHours;

    public int ScaleEvents => Run.ScaleEvents;

    public double MeanServingReplicas => Run.MeanServingReplicas;

    public int DeniedNodes => Run.DeniedNodes;

    public int Failures => Run.Failures;

    public int Preemptions => Run.Preemptions;
}
