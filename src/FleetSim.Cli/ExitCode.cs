namespace FleetSim.Cli;

/// <summary>The process exit codes fleetsim documents.</summary>
public static class ExitCode
{
    public const int Ok = 0;

    /// <summary>Something went wrong inside fleetsim (a bug: please report it).</summary>
    public const int Failure = 1;

    /// <summary>The command line or an input file is wrong; the message says where.</summary>
    public const int BadInput = 2;
}
