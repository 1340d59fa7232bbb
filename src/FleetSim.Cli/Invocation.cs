using System.Reflection;
using FleetSim.Reporting;
using FleetSim.Scenario;

namespace FleetSim.Cli;

/// <summary>
/// The command line of the fleetsim call in progress (one per <see cref="Cli.Run"/>, kept per async flow so
/// calls in parallel tests do not mix), from which each verb states the provenance of what it writes.
/// </summary>
public static class Invocation
{
    private static readonly AsyncLocal<string[]?> Args = new();

    /// <summary>The fleetsim release, from the assembly's informational version.</summary>
    public static string Version =>
        typeof(Invocation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    internal static void Begin(string[] args) => Args.Value = args;

    /// <summary>The command line in progress, as <see cref="Provenance.CommandLine"/> writes it.</summary>
    public static string Command => Provenance.CommandLine(Args.Value ?? []);

    /// <summary>Now, UTC, to the second.</summary>
    public static DateTimeOffset Now() => TruncatedToSecond(DateTimeOffset.UtcNow);

    /// <summary>
    /// The provenance of an output made from <paramref name="scenario"/>, read from <paramref name="path"/>
    /// (null: the built-in default) with <paramref name="overrides"/>.
    /// </summary>
    public static Provenance For(ScenarioSpec scenario, string? path, IEnumerable<string> overrides)
    {
        byte[] bytes = path is null
            ? System.Text.Encoding.UTF8.GetBytes(ScenarioLoader.DefaultScenarioYaml())
            : File.ReadAllBytes(path);
        return new Provenance(Version, Command, [.. overrides], scenario.Seed, Provenance.Sha256(bytes), Now());
    }

    /// <summary>
    /// The provenance of an output made from the files at <paramref name="paths"/> (a trace, benchmark results)
    /// rather than a scenario: each file is hashed here, in the order given.
    /// </summary>
    /// <exception cref="IOException">A file cannot be read.</exception>
    public static FileProvenance ForFiles(IEnumerable<string> paths) =>
        new(Version, Command, [.. paths.Select(InputFile.Of)], Now());

    private static DateTimeOffset TruncatedToSecond(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
