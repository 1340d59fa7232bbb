using Process = System.Diagnostics.Process;
using ProcessStartInfo = System.Diagnostics.ProcessStartInfo;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using FleetSim.Traffic.Traces;

namespace FleetSim.Benchmarks;

/// <summary>
/// Reading a 2.4M-row Azure-format trace (issue 14): FleetSim's library the way `fleetsim trace summarize`
/// reads it (TraceProfile.Read), the `fleetsim trace summarize` process end to end (start-up, reading, the
/// summary and its chart), and a python3 process summing the file's two token columns with the csv module
/// (start-up included; the baseline, so the Ratio column is FleetSim's time over Python's).
/// The Python line is registered only when /usr/bin/python3 exists (see <see cref="Peers"/>).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class TraceReadingBenchmarks
{
    private string _trace = "";
    private string _out = "";

    [GlobalSetup]
    public void Setup()
    {
        _trace = AzureTraceFile.Path(out long bytes);
        _out = Directory.CreateTempSubdirectory("fleetsim-bench-summary-").FullName;
        TraceProfile probe = TraceProfile.Read(_trace, new TraceOptions());
        Console.WriteLine($"// {_trace}: {bytes:N0} bytes, {probe.Requests:N0} requests over {probe.Minutes:N0} minutes");
        Console.WriteLine($"// fleetsim: {Cli()}");
        if (Peers.Has("csv"))
        {
            Console.WriteLine($"// python3 csv: {Python()}");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_out, recursive: true);

    [Benchmark(Description = "2.4M-row Azure trace, TraceProfile.Read in process")]
    public long FleetSimLibrary() => TraceProfile.Read(_trace, new TraceOptions()).Requests;

    [Benchmark(Description = "same file, `fleetsim trace summarize` process end to end")]
    public string FleetSimProcess() => Cli();

    [Benchmark(Baseline = true, Description = "same file, python3 csv.reader summing the token columns")]
    public string PythonCsv() => Python();

    /// <summary>The fleetsim command built beside this benchmark (the CLI project is referenced), through its app host.</summary>
    private string Cli()
    {
        string host = Path.Combine(AppContext.BaseDirectory, "FleetSim.Cli");
        ProcessStartInfo start = File.Exists(host)
            ? new ProcessStartInfo(host)
            : new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "FleetSim.Cli.dll")]);
        foreach (string arg in new[] { "trace", "summarize", _trace, "--out", _out })
        {
            start.ArgumentList.Add(arg);
        }
        return Run(start, "fleetsim trace summarize").Split('\n')[4].Trim();
    }

    private string Python() => Run(new ProcessStartInfo(Peers.Python, [Peers.Script("csv_token_sum.py"), _trace]), "csv_token_sum.py");

    private static string Run(ProcessStartInfo start, string name)
    {
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start");
        string output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{name} exited {process.ExitCode}");
    }
}
