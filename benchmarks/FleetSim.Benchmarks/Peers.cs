using System.Diagnostics;

namespace FleetSim.Benchmarks;

/// <summary>
/// The Python peers the side-by-side benchmarks compare against (Debian's /usr/bin/python3 with
/// python3-simpy or python3-numpy). A peer that is not installed is skipped with a note.
/// </summary>
public static class Peers
{
    public const string Python = "/usr/bin/python3";

    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "peers", name);

    /// <summary>Whether <c>python3 -c "import MODULE"</c> succeeds.</summary>
    public static bool Has(string module)
    {
        if (!File.Exists(Python))
        {
            return false;
        }
        try
        {
            using Process p = Process.Start(new ProcessStartInfo(Python, ["-c", $"import {module}"])
            {
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            p.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
