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

    /// <summary>
    /// The provenance of an output made from <paramref name="scenario"/>, read from <paramref name="path"/>
    /// (null: the built-in default) with <paramref name="overrides"/>.
    /// </summary>
    public static Provenance For(ScenarioSpec scenario, string? path, IEnumerable<string> overrides)
    {
        byte[] bytes = path is null
            ? System.Text.Encoding.UTF8.GetBytes(ScenarioLoader.DefaultScenarioYaml())
            : File.ReadAllBytes(path);
        return new Provenance(Version, Provenance.CommandLine(Args.Value ?? []), [.. overrides], scenario.Seed,
                              Provenance.Sha256(bytes), TruncatedToSecond(DateTimeOffset.UtcNow));
    }

    private static DateTimeOffset TruncatedToSecond(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
