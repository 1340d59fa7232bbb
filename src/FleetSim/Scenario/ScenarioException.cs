namespace FleetSim.Scenario;

/// <summary>
/// A scenario the user wrote that FleetSim cannot run. The message names where the problem is
/// (file:line:column, or the --set override) and the key path, compiler style.
/// </summary>
public sealed class ScenarioException(string location, string keyPath, string problem)
    : Exception(Format(location, keyPath, problem))
{
    public string Location { get; } = location;
    public string KeyPath { get; } = keyPath;
    public string Problem { get; } = problem;

    private static string Format(string location, string keyPath, string problem) =>
        keyPath.Length == 0 ? $"{location}: {problem}" : $"{location}: {keyPath}: {problem}";
}
