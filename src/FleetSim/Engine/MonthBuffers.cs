namespace FleetSim.Engine;

/// <summary>
/// A month of per-minute output (served tok/s, serving replicas) that one thread reuses from run to
/// run: month-long arrays land on the large-object heap, and allocating two per run made a reactive
/// sweep spend a fifth of its time in the garbage collector and in page faults.
/// </summary>
public sealed class MonthBuffers(int minutes)
{
    public double[] Served { get; } = new double[minutes];

    public int[] Serving { get; } = new int[minutes];
}
