using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using CommandLine;
using FleetSim.Cli.Verbs;

namespace FleetSim.Cli;

/// <summary>
/// The verbs' options classes, read by reflection (as CommandLineParser itself reads them) for help, usage lines and
/// the CLI's own checks. The one place that reflects over them: the native (ahead-of-time) build keeps this assembly
/// and the parser's whole (<c>TrimmerRootAssembly</c> in FleetSim.Cli.csproj), so nothing read here is trimmed away.
/// </summary>
public static class OptionClasses
{
    private const string Kept = "FleetSim.Cli is a TrimmerRootAssembly: every type and member of it is kept in the native build.";

    /// <summary>
    /// Every verb's options class, in the order the help page lists them. The parser is given this list, so a verb
    /// missing here does not exist (a test holds it to the classes that carry <see cref="VerbAttribute"/>).
    /// </summary>
    public static Type[] All { get; } =
    [
        typeof(RunOptions), typeof(CompareOptions), typeof(SweepOptions), typeof(MergeOptions), typeof(ReportOptions),
        typeof(TiersOptions), typeof(PlanOptions), typeof(TraceVerbOptions), typeof(ValidateOptions), typeof(ReplicaVerbOptions),
    ];

    /// <summary>Every verb (<see cref="VerbAttribute"/>) by name, e.g. "run", "trace".</summary>
    public static IReadOnlyDictionary<string, Type> Verbs { get; } =
        All.ToDictionary(t => t.GetCustomAttribute<VerbAttribute>()!.Name, StringComparer.Ordinal);

    /// <summary>The public instance properties of an options class, in declaration order.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = Kept)]
    public static PropertyInfo[] Properties(Type options) => options.GetProperties();

    /// <summary>The value of an options class's public static property <paramref name="name"/>, or null when it has none.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = Kept)]
    public static object? Static(Type options, string name) =>
        options.GetProperty(name, BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
}
