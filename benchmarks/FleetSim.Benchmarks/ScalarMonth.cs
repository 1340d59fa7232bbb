using FleetSim.Routing;

namespace FleetSim.Benchmarks;

/// <summary>
/// The plain scalar loops the vectorized kernels replace, kept here (and only here) so every
/// benchmark run shows the speed-up side by side.
/// </summary>
public static class ScalarMonth
{
    public static double Fluid(double[] demand, double capacity, double[] served)
    {
        double sum = 0;
        for (int i = 0; i < demand.Length; i++)
        {
            served[i] = Math.Min(demand[i], capacity);
            sum += served[i];
        }
        return sum;
    }

    public static double Spill(double[] demand, int slots, double erlangsPerTokenPerSecond, double[] served)
    {
        double sum = 0;
        for (int i = 0; i < demand.Length; i++)
        {
            served[i] = demand[i] * (1 - ErlangB.LossByRecursion(slots, demand[i] * erlangsPerTokenPerSecond));
            sum += served[i];
        }
        return sum;
    }
}
