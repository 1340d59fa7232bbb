using FleetSim.Fleet;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Scaling;

/// <summary>Builds a policy from its name in a scenario or on the command line.</summary>
public static class PolicyFactory
{
    /// <summary>
    /// Every policy's name as users write it (--policies, a scenario's scaling.policies; static also
    /// as static:N): the one list that validation, error messages and the scenario default read, and
    /// that the --policies help and the README's policy table are tested against.
    /// </summary>
    public static IReadOnlyList<string> Names { get; } = ["static", "floor", "breakeven", "schedule", "reactive", "predictive", "oracle"];

    /// <summary>Checks a policy name (static:N with a whole N ≥ 0; no suffix on any other); throws <see cref="ArgumentException"/> saying what is wrong.</summary>
    public static void Validate(string name)
    {
        string[] parts = name.Split(':', 2);
        if (!Names.Contains(parts[0]))
        {
            throw Unknown(name);
        }
        if (parts.Length == 2 && (parts[0] != "static" || !int.TryParse(parts[1], out int n) || n < 0 || n > 100_000))
        {
            throw new ArgumentException(parts[0] == "static"
                ? $"'{name}': static:N needs a whole number of replicas from 0 to 100,000"
                : $"'{name}': only static takes a value after ':'");
        }
    }

    /// <summary>
    /// static (the scenario's fleet.replicas, or static:N), floor, breakeven, schedule, reactive or
    /// predictive. Unknown names throw <see cref="ArgumentException"/> with the list; so does oracle,
    /// which is a bound and no policy (see <c>Engine.OracleBound</c>). Policies that plan ahead
    /// (floor, breakeven, schedule) plan on the <paramref name="expected"/> traffic.
    /// </summary>
    public static IScalingPolicy Create(string name, ScenarioSpec scenario, DemandSeries expected, FleetEconomics economics)
    {
        DemandSeries demand = expected;
        Validate(name);
        string[] parts = name.Split(':', 2);
        ScalingSpec scaling = scenario.Scaling;
        return parts[0] switch
        {
            "static" when parts.Length == 2 => int.TryParse(parts[1], out int n) && n >= 0
                ? new StaticPolicy(name, n, demand.Minutes)
                : throw new ArgumentException($"'{name}': static:N needs a whole number of replicas"),
            "static" => new StaticPolicy("static", FleetSizing.Replicas(scenario.Fleet, scenario.Replica, demand), demand.Minutes),
            "floor" => new StaticPolicy("floor", FleetSizing.Floor(scenario.Replica, demand), demand.Minutes),
            "breakeven" => new StaticPolicy("breakeven", economics.BestReplicas(demand.Rate, 100_000, new double[demand.Minutes]), demand.Minutes),
            "schedule" => new PlannedPolicy("schedule", Plans.Schedule(scaling.Schedule, demand, economics)),
            "reactive" => new ReactivePolicy(scaling.Reactive),
            "predictive" => new PredictivePolicy(scaling.Predictive),
            "oracle" => throw new ArgumentException("the oracle is a bound computed from the month that comes, not a policy that decides: run it through Engine.PolicyEngine"),
            _ => throw Unknown(name),
        };
    }

    private static ArgumentException Unknown(string name) =>
        new($"unknown policy '{name}'; known: {string.Join(", ", Names)} (static:N for N replicas)");
}
