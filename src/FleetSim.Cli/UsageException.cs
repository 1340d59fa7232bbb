namespace FleetSim.Cli;

/// <summary>A command line that parses but makes no sense (an unknown router, an output path that is a file).</summary>
public sealed class UsageException(string message) : Exception(message);
