using CommandLine;

namespace FleetSim.Cli.Verbs;

[Verb("validate", HelpText = "Check a scenario file: every key, type and range. Prints what it found, or the first problem with file:line:column and key path (exit code 2).")]
public sealed class ValidateOptions : IHasSets
{
    [Value(0, MetaName = "SCENARIO", Required = true, HelpText = "Scenario YAML file to check.")]
    public string Scenario { get; set; } = "";

    [Option("set", MetaValue = "KEY.PATH=VALUE", HelpText = "Check the file with an override applied, e.g. --set fleet.replicas=6 (repeatable).")]
    public IEnumerable<string> Sets { get; set; } = [];

    [Option("router", MetaValue = "MODE", HelpText = IHasSets.RouterHelp)]
    public string? Router { get; set; }

    [Option("allow-unmodelled", HelpText = "Run although router.litellm_config sets keys that would change where requests go but FleetSim does not model; they are listed in a warning.")]
    public bool AllowUnmodelled { get; set; }

    [Option("quiet", HelpText = "Accepted for uniformity: validate prints only its result (the scenario's line, its warnings, or the problem), which --quiet keeps.")]
    public bool Quiet { get; set; }

    public static IReadOnlyList<VerbExample> Examples =>
    [
        new("Check a scenario", "fleetsim validate scenarios/cline-k2-floor.yaml"),
    ];
}
