using FleetSim.Economics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using FleetSim.Engine;
using FleetSim.Runs;
using FleetSim.Runs.MonteCarlo;
using FleetSim.Scaling;
using FleetSim.Scenario;
using FleetSim.Traffic;
using MathNet.Numerics.Distributions;

namespace FleetSim.Benchmarks;

/// <summary>
/// The Monte Carlo pieces: a noisy month of traffic (vectorized and scalar), a reactive month with
/// failures, and a 1,000-run sweep of the schedule policy, on the seed's scenario with noise.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class MonteCarloBenchmarks
{
    private const string Noise = "traffic.noise={minute_cv: 0.2, minute_correlation: 0.9, daily_cv: 0.1, bursts: {per_day: 1, height: 0.5, minutes: 30}}";
    private ScenarioSpec _scenario = null!;
    private ScenarioSpec _busyShare = null!;
    private DemandSeries _average = null!;
    private DemandSeries _month = null!;
    private NoisyDemand _noisy = null!;
    private FleetEconomics _economics = null!;
    private double[] _buffer = [];
    private int _seed;

    [GlobalSetup]
    public void Setup()
    {
        _scenario = ScenarioLoader.Default([ScenarioOverride.Parse(Noise), ScenarioOverride.Parse("scaling.failures={mtbf_hours: 500, mttr_hours: 4}"),
                                            ScenarioOverride.Parse("scaling.reactive.metric=offered_load"),
                                            ScenarioOverride.Parse("scaling.reactive.target_utilization=1.3")]);
        _busyShare = ScenarioLoader.Default([ScenarioOverride.Parse(Noise), ScenarioOverride.Parse("scaling.failures={mtbf_hours: 500, mttr_hours: 4}")]);
        _average = DemandBuilder.Build(_scenario.Traffic, _scenario.Horizon);
        _month = DemandBuilder.Realize(_average, _scenario.Traffic.Noise, 1);
        _noisy = new NoisyDemand(_average, _scenario.Traffic.Noise);
        _economics = new FleetEconomics(_scenario);
        _buffer = new double[_average.Minutes];
    }

    [Benchmark(Description = "noisy month of demand, vectorized")]
    public double NoisyMonth()
    {
        _noisy.Fill(DemandBuilder.NoiseStream(++_seed), _buffer);
        return _buffer[^1];
    }

    [Benchmark(Description = "noisy month of demand, scalar MathNet")]
    public double NoisyMonthScalar()
    {
        // The plain way: MathNet normals one by one, Math.Exp per minute, same AR(1) model.
        var random = new MathNet.Numerics.Random.Xoshiro256StarStar(++_seed, threadSafe: false);
        double cv = 0.2, rho = 0.9, s2 = Math.Log(1 + cv * cv), s = Math.Sqrt(s2), c = Math.Sqrt(1 - rho * rho) * s;
        double x = s * Normal.Sample(random, 0, 1);
        ReadOnlySpan<double> shape = _average.Rate;
        for (int m = 0; m < _buffer.Length; m++)
        {
            if (m > 0)
            {
                x = rho * x + c * Normal.Sample(random, 0, 1);
            }
            _buffer[m] = shape[m] * Math.Exp(x - s2 / 2);
        }
        return _buffer[^1];
    }

    [Benchmark(Description = "reactive month with failures (event kernel + spans)")]
    public double ReactiveMonth()
    {
        IScalingPolicy policy = PolicyFactory.Create("reactive", _scenario, _average, _economics);
        PolicyRun run = FleetDynamics.Run(_scenario, _month, policy, _economics, ++_seed);
        return Bill.For(run, _economics.Prices).Total.Value;
    }

    [Benchmark(Description = "reactive month with failures, HPA on busy share (reads every minute served)")]
    public double ReactiveBusyShareMonth()
    {
        IScalingPolicy policy = PolicyFactory.Create("reactive", _busyShare, _average, _economics);
        PolicyRun run = FleetDynamics.Run(_busyShare, _month, policy, _economics, ++_seed);
        return Bill.For(run, _economics.Prices).Total.Value;
    }
}
