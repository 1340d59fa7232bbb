using System.Diagnostics;

namespace FleetSim.Tests.Hostile;

/// <summary>What one fleetsim process did with a fuzz case.</summary>
public sealed record FuzzOutcome(int Code, string Out, string Err, TimeSpan Elapsed, bool TimedOut, bool OutputLeft, string OutDir);

/// <summary>
/// Runs the real fleetsim process (the CLI assembly next to the tests) on a fuzz case, in its own folder,
/// with a time limit and a 2 GiB managed-heap limit, so a crash, a hang or runaway memory is an outcome
/// to judge rather than the end of the test run.
/// </summary>
public static class FleetsimProcess
{
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(30);

    public static FuzzOutcome Run(FuzzCase c)
    {
        string dir = Path.Combine(Path.GetTempPath(), "fleetsim-fuzz-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            foreach (var (name, bytes) in c.Files)
            {
                File.WriteAllBytes(Path.Combine(dir, name), bytes);
            }
            string outDir = Path.Combine(dir, "out");
            ProcessStartInfo start = CliProcess.Start(dir, c.Args.Select(a => a.Replace("{out}", outDir, StringComparison.Ordinal)));
            start.Environment["DOTNET_GCHeapHardLimit"] = "0x80000000";
            start.Environment["DOTNET_TieredPGO"] = "0";
            var clock = Stopwatch.StartNew();
            using Process p = Process.Start(start)!;
            Task<string> stdout = p.StandardOutput.ReadToEndAsync();
            Task<string> stderr = p.StandardError.ReadToEndAsync();
            bool done = p.WaitForExit(TimeLimit);
            if (!done)
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit();
            }
            clock.Stop();
            return new FuzzOutcome(done ? p.ExitCode : -1, stdout.Result, stderr.Result, clock.Elapsed, !done,
                                   Directory.Exists(outDir), outDir);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
