using System.Diagnostics;

namespace FleetSim.Tests;

/// <summary>The fleetsim CLI as a process of its own, as a user runs it: the built FleetSim.Cli.dll under dotnet.</summary>
internal static class CliProcess
{
    /// <summary>A start for <c>fleetsim</c> with <paramref name="args"/> in <paramref name="workingDirectory"/>, output redirected.</summary>
    public static ProcessStartInfo Start(string workingDirectory, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FleetSim.Cli.dll"));
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }
        return start;
    }
}
