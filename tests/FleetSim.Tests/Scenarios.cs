using FleetSim.Scenario;

namespace FleetSim.Tests;

/// <summary>Scenarios the tests build on: the seed's default, with overrides.</summary>
internal static class Scenarios
{
    public static ScenarioSpec Seed(params string[] sets) =>
        ScenarioLoader.Default([.. sets.Select(ScenarioOverride.Parse)]);

    /// <summary>The seed's replica and prices under a flat load of <paramref name="tokensPerSecond"/>.</summary>
    public static ScenarioSpec ConstantLoad(double tokensPerSecond, int replicas, string router, params string[] sets) =>
        Seed([
            "traffic.daily_shape={hourly: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]}",
            $"traffic.monthly_processed_tokens={tokensPerSecond * 3600 * 730:R}",
            $"fleet.replicas={replicas}",
            // One TP4 replica per 4-GPU node, so any replica count is whole nodes and runs exactly as asked
            // (the same $/replica as the seed's two replicas per 8-GPU node).
            "replica.gpus_per_node=4",
            $"router.mode={router}",
            .. sets,
        ]);
}
