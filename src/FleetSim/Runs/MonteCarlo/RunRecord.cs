namespace FleetSim.Runs.MonteCarlo;

/// <summary>One Monte Carlo month of one policy at one grid point: a row of runs.csv.</summary>
public sealed record RunRecord(
    long Item,
    int GridIndex,
    string Grid,
    string Policy,
    int Run,
    int Seed,
    double DemandTokens,
    double AllApiUsd,
    double SelfHostUsd,
    double ApiUsd,
    double TotalUsd,
    double SavingsUsd,
    double SavingsFraction,
    double SpillShare,
    double Utilization);
