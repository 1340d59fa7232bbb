namespace FleetSim.Runs.MonteCarlo;

/// <summary>What to sweep: runs per grid point and policy, the base seed, the grid, the policies, threads and the shard.</summary>
public sealed record SweepSpec(int Runs, int Seed, IReadOnlyList<string> GridSets, IReadOnlyList<string>? Policies, int Threads, SweepShard Shard)
{
    /// <summary>The seed of run <paramref name="run"/>: the same at every grid point and for every policy (common random numbers).</summary>
    public int RunSeed(int run) => unchecked(Seed + run);
}
