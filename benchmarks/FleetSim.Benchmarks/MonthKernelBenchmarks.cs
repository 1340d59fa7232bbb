using System.Numerics;
using BenchmarkDotNet.Attributes;
using FleetSim.Engine;
using FleetSim.Runs;
using FleetSim.Fleet;
using FleetSim.Kernels;
using FleetSim.Routing;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Benchmarks;

/// <summary>
/// One month (43,800 minutes) of the seed's traffic through a fixed fleet of 4 TP4 replicas:
/// the minute kernels beside their scalar originals and beside a bare SIMD min/sum pass (the
/// floor any fluid kernel can reach), all in one run.
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

    [Benchmark(Baseline = true, Description = "bare SIMD min/sum pass (floor)")]
    public double BareMinSum()
    {
        var cap = new Vector<double>(_fleet.Capacity.Value);
        Vector<double> acc = Vector<double>.Zero;
        int w = Vector<double>.Count, i = 0;
        for (; i <= _demand.Length - w; i += w)
        {
            Vector<double> s = Vector.Min(new Vector<double>(_demand, i), cap);
            s.CopyTo(_served, i);
            acc += s;
        }
        double total = Vector.Sum(acc);
        for (; i < _demand.Length; i++)
        {
            total += _served[i] = Math.Min(_demand[i], _fleet.Capacity.Value);
        }
        return total;
    }

    [Benchmark(Description = "fluid month, vectorized")]
    public double FluidMonth() => MinuteEngine.ServeSpan(_demand, _fluid, _served);

    [Benchmark(Description = "fluid month, scalar")]
    public double FluidMonthScalar() => ScalarMonth.Fluid(_demand, _fleet.Capacity.Value, _served);

    [Benchmark(Description = "spill month (32 slots), Erlang-B table, 4 minutes a vector")]
    public double SpillMonth() => MinuteKernels.Spill(_demand, _fleet.Slots, _erlangsPerTokenPerSecond, _served);

    [Benchmark(Description = "spill month (32 slots), vectorized Erlang-B series")]
    public double SpillMonthSeries() => MinuteKernels.SpillBySeries(_demand, _fleet.Slots, _erlangsPerTokenPerSecond, _served);

    [Benchmark(Description = "spill month (32 slots), scalar recursion")]
    public double SpillMonthScalar() => ScalarMonth.Spill(_demand, _fleet.Slots, _erlangsPerTokenPerSecond, _served);
}
