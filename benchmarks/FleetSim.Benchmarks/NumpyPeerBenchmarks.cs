using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using FleetSim.Engine;
using FleetSim.Fleet;
using FleetSim.Routing;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Benchmarks;

/// <summary>
/// The fluid month beside the same month in numpy (Debian's python3-numpy). numpy times itself
/// inside Python (best of 2,000 repeats, no interpreter start-up) and the figure is printed in the
/// log of this same run; the ratio is FleetSim's mean over numpy's best, which favours numpy.
/// Registered only when numpy is installed (see <see cref="Peers"/>).
/// </summary>
[MemoryDiagnoser]
public class NumpyPeerBenchmarks
{
    private double[] _demand = [];
    private double[] _served = [];
    private MinuteRouter _fluid;

    [GlobalSetup]
    public void Setup()
    {
        ScenarioSpec seed = ScenarioLoader.Default();
        _demand = DemandBuilder.Build(seed.Traffic, seed.Horizon).Rate.ToArray();
        _served = new double[_demand.Length];
        var fleet = new FleetShape(4, seed.Replica);
        _fluid = MinuteRouter.For(new RouterSpec(RouterMode.Fluid), fleet, seed.Traffic.RequestMix);
        string csv = Path.Combine(Path.GetTempPath(), "fleetsim-demand.csv");
        File.WriteAllLines(csv, _demand.Select(d => d.ToString("R", CultureInfo.InvariantCulture)));
        var start = new ProcessStartInfo(Peers.Python, [Peers.Script("numpy_fluid.py"), csv, fleet.Capacity.Value.ToString("R", CultureInfo.InvariantCulture), "2000"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using Process python = Process.Start(start)!;
        Console.WriteLine($"// numpy fluid month: {python.StandardOutput.ReadToEnd().Trim()}");
        python.WaitForExit();
    }

    [Benchmark(Description = "fluid month, FleetSim (compare with the numpy line in the log)")]
    public double FluidMonth() => MinuteEngine.ServeSpan(_demand, _fluid, _served);
}
