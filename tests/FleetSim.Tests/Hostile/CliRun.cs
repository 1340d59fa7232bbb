namespace FleetSim.Tests.Hostile;

/// <summary>Runs the fleetsim command line in process and keeps what it printed.</summary>
internal static class CliRun
{
    public static (int Code, string Out, string Err) Fleetsim(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = FleetSim.Cli.Cli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public static string TempDir() => Path.Combine(Path.GetTempPath(), "fleetsim-hostile-" + Guid.NewGuid().ToString("N"));
}
