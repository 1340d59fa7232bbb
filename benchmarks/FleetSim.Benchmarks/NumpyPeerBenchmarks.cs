using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using BenchmarkDotNet.Attributes;
using FleetSim.Engine;
using FleetSim.Runs;
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

    /// <summary>
    /// Reading the month once and nothing else: four vector accumulators, no store. No per-minute
    /// kernel can beat this, so numpy's time over this one bounds any kernel's ratio to numpy.
    /// </summary>
    [Benchmark(Description = "read-only pass over the month (the bound for any per-minute kernel)")]
    public double ReadOnlyPass()
    {
        int w = Vector<double>.Count, i = 0;
        Vector<double> a0 = Vector<double>.Zero, a1 = a0, a2 = a0, a3 = a0;
        for (; i <= _demand.Length - 4 * w; i += 4 * w)
        {
            a0 += new Vector<double>(_demand, i);
            a1 += new Vector<double>(_demand, i + w);
            a2 += new Vector<double>(_demand, i + 2 * w);
            a3 += new Vector<double>(_demand, i + 3 * w);
        }
        double total = Vector.Sum((a0 + a1) + (a2 + a3));
        for (; i < _demand.Length; i++)
        {
            total += _demand[i];
        }
        return total;
    }
}
