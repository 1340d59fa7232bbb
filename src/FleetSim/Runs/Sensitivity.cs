using FleetSim.Economics;
using FleetSim.Scenario;
using FleetSim.Units;

namespace FleetSim.Runs;

/// <summary>One way the world can differ from the plan, at one size: the bill the planned fleet then runs up.</summary>
/// <param name="Change">The factor applied (0.8 is 20 % less).</param>
/// <param name="Bill">The planned fleet's bill in that world.</param>
public sealed record SensitivityCase(double Change, Bill Bill);

/// <summary>One factor of the sensitivity, from its low case to its high case.</summary>
/// <param name="Name">What moved, in the scenario's words.</param>
/// <param name="Cases">The cases, lowest factor first.</param>
public sealed record SensitivityFactor(string Name, IReadOnlyList<SensitivityCase> Cases)
{
    /// <summary>The widest swing of savings across the cases (dollars per horizon).</summary>
    public double Swing => Cases.Max(c => c.Bill.Savings.Value) - Cases.Min(c => c.Bill.Savings.Value);
}

/// <summary>
/// How the bill and the verdict move when the figures a plan rests on are off: the fleet is sized
/// and bought on the scenario's figures, then runs in a world where one of them differs (a
/// replica's real throughput 10 or 20 % below or above its benchmark, more or less demand, other
/// GPU or API prices). A capacity figure off by 20 % is the most common reason such plans fail, so
/// throughput comes first.
/// </summary>
/// <remarks>
/// The fleet stays as planned: its replica count is the nominal run's, fixed. Throughput moves with
/// <see cref="ReplicaSpec.Rescaled"/> (a measured curve scaled at every point); demand with
/// <see cref="TrafficSpec.ScaledBy"/>; prices by scaling every GPU-hour price (on demand, reserved,
/// spot) or every API price. Each case runs on the nominal run's engine and month (the same seed).
/// </remarks>
public sealed class Sensitivity
{
    /// <summary>The factors each figure is tried at.</summary>
    public static readonly IReadOnlyList<double> ThroughputChanges = [0.8, 0.9, 1.1, 1.2];

    /// <summary>The factors demand and prices are tried at.</summary>
    public static readonly IReadOnlyList<double> OtherChanges = [0.8, 1.2];

    private Sensitivity(ScenarioRun nominal, IReadOnlyList<SensitivityFactor> factors)
    {
        Nominal = nominal;
        Factors = factors;
    }

    /// <summary>The run as planned.</summary>
    public ScenarioRun Nominal { get; }

    /// <summary>The factors, widest savings swing first (a tornado's order).</summary>
    public IReadOnlyList<SensitivityFactor> Factors { get; }

    /// <summary>Whether the verdict (self-hosting saves, or it does not) is the same in every case.</summary>
    public bool VerdictHolds => Factors.All(f => f.Cases.All(c => c.Bill.Savings.Value > 0 == Nominal.Bill.Savings.Value > 0));

    /// <summary>Runs every case of every factor for the fleet <paramref name="nominal"/> planned.</summary>
    /// <param name="nominal">The planned run.</param>
    /// <param name="expectedMonth">Whether <paramref name="nominal"/> ran the traffic's average month (as a report does) rather than its seed's draw.</param>
    public static Sensitivity Of(ScenarioRun nominal, bool expectedMonth = false)
    {
        ScenarioSpec planned = nominal.Scenario with { Fleet = new StaticFleet(nominal.Fleet.Replicas) };
        Bill Run(ScenarioSpec world) => ScenarioRun.Of(world, nominal.Engine, expectedMonth).Bill;
        SensitivityFactor Factor(string name, IReadOnlyList<double> changes, Func<double, ScenarioSpec> world) =>
            new(name, [.. changes.Select(f => new SensitivityCase(f, Run(world(f))))]);

        ReplicaSpec replica = planned.Replica;
        var factors = new List<SensitivityFactor>
        {
            Factor("replica throughput", ThroughputChanges, f => planned with { Replica = replica.Rescaled(f, replica.MaxInFlight) }),
            Factor("demand", OtherChanges, f => planned with { Traffic = planned.Traffic.ScaledBy(f) }),
            Factor("GPU price", OtherChanges, f => planned with
            {
                Replica = replica with { GpuPrice = new UsdPerGpuHour(replica.GpuPrice.Value * f) },
                Pricing = planned.Pricing with
                {
                    ReservedUsdPerGpuHour = planned.Pricing.ReservedUsdPerGpuHour * f,
                    Spot = planned.Pricing.Spot is { } spot ? spot with { UsdPerGpuHour = spot.UsdPerGpuHour * f } : null,
                },
            }),
            Factor("API price", OtherChanges, f => planned with { Api = planned.Api with { Price = planned.Api.Price.ScaledBy(f) } }),
        };
        return new Sensitivity(nominal, [.. factors.OrderByDescending(f => f.Swing)]);
    }
}
