using FleetSim.Engine.Requests;
using FleetSim.Fleet;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Tests.Engine.Requests;

/// <summary>Request-engine runs for the tests, and the statistics they are judged by.</summary>
internal static class RequestRuns
{
    /// <summary>The seed's replica: 26.6K tok/s at 8 requests in flight.</summary>
    public const double ReplicaTokensPerSecond = 26_600;

    /// <summary>The request engine alone (no minute or fluid bill beside it).</summary>
    public static RequestRun Of(ScenarioSpec scenario)
    {
        DemandSeries demand = DemandBuilder.Build(scenario.Traffic, scenario.Horizon);
        var fleet = new FleetShape(FleetSizing.Replicas(scenario.Fleet, scenario.Replica, demand), scenario.Replica);
        return RequestEngine.Run(scenario, demand, fleet, scenario.Seed);
    }

    /// <summary>Flat demand that offers <paramref name="erlangs"/> to replicas running <paramref name="maxInFlight"/> each: D = A·R/c.</summary>
    public static double TokensPerSecondFor(double erlangs, int maxInFlight) => erlangs * ReplicaTokensPerSecond / maxInFlight;

    /// <summary>
    /// Mean of independent replications and its standard error, s/√K. Replications with different
    /// seeds share no random numbers, so unlike the requests inside one run they are independent and
    /// the sample standard deviation is an honest measure of the spread, however correlated the
    /// requests within a run are.
    /// </summary>
    public static (double Mean, double StandardError) MeanAndStandardError(IReadOnlyList<double> replications)
    {
        int k = replications.Count;
        double mean = replications.Average();
        double variance = replications.Sum(x => (x - mean) * (x - mean)) / (k - 1);
        return (mean, Math.Sqrt(variance / k));
    }
}
