using FleetSim.Scenario;

namespace FleetSim.Cli;

/// <summary>The scenario a verb works on: a file, or the built-in default, with --set overrides applied.</summary>
public static class ScenarioInput
{
    /// <summary>Loads the scenario at <paramref name="path"/> (or the default) with these overrides: what a sweep's grid points need.</summary>
    public static Func<IReadOnlyList<ScenarioOverride>, ScenarioSpec> Loader(string? path) =>
        overrides => path is null ? ScenarioLoader.Default(overrides) : ScenarioLoader.LoadFile(path, overrides);

    public static ScenarioSpec Load(string? path, IEnumerable<string> sets) => Load(path, sets, []);

    /// <summary>Loads with <paramref name="sets"/> and then <paramref name="flagged"/>: overrides a verb's own flag stands for, which messages name by that flag.</summary>
    public static ScenarioSpec Load(string? path, IEnumerable<string> sets, IEnumerable<ScenarioOverride> flagged)
    {
        ScenarioOverride[] overrides = [.. sets.Select(ScenarioOverride.Parse), .. flagged];
        return path is null ? ScenarioLoader.Default(overrides) : ScenarioLoader.LoadFile(path, overrides);
    }
}
