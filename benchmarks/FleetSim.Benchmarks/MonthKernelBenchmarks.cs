using BenchmarkDotNet.Attributes;
using FleetSim.Engine;
using FleetSim.Fleet;
using FleetSim.Kernels;
using FleetSim.Routing;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Benchmarks;

/// <summary>
/// One month (43,800 minutes) of the seed's traffic through a fixed fleet of 4 TP4 replicas:
/// the minute kernels beside their scalar originals.
/// </summary>
[MemoryDiagnoser]
public class MonthKernelBenchmarks
{
    private double[] _demand = [];
    private double[] _served = [];
    private FleetShape _fleet = null!;
    private MinuteRouter _fluid;
    private double _erlangsPerTokenPerSecond;

    [GlobalSetup]
    public void Setup()
    {
        ScenarioSpec seed = ScenarioLoader.Default();
        DemandSeries demand = DemandBuilder.Build(seed.Traffic, seed.Horizon);
        _demand = demand.Rate.ToArray();
        _served = new double[_demand.Length];
        _fleet = new FleetShape(4, seed.Replica);
        _erlangsPerTokenPerSecond = ServiceTime.ErlangsPerTokenPerSecond(seed.Replica);
        _fluid = MinuteRouter.For(new RouterSpec(RouterMode.Fluid), _fleet, seed.Traffic.RequestMix);
    }

    [Benchmark(Description = "fluid month, vectorized")]
    public double FluidMonth() => MinuteEngine.ServeSpan(_demand, _fluid, _served);

    [Benchmark(Description = "fluid month, scalar")]
    public double FluidMonthScalar() => ScalarMonth.Fluid(_demand, _fleet.Capacity.Value, _served);

    [Benchmark(Description = "spill month (32 slots), vectorized")]
    public double SpillMonth() => MinuteKernels.Spill(_demand, _fleet.Slots, _erlangsPerTokenPerSecond, _served);

    [Benchmark(Description = "spill month (32 slots), scalar recursion")]
    public double SpillMonthScalar() => ScalarMonth.Spill(_demand, _fleet.Slots, _erlangsPerTokenPerSecond, _served);
}
