using CommandLine;

namespace FleetSim.Cli.Verbs;

[Verb("compare", HelpText = "Run autoscaling policies side by side on the same traffic: one row per policy, the all-API bill and the savings ceiling beside them; writes compare.png and timeline.png.")]
public sealed class CompareOptions : IHasSets
{
    [Value(0, MetaName = "SCENARIO", Required = false, HelpText = "Scenario YAML file; omit it for the built-in default (the seed's deployment).")]
    public string? Scenario { get; set; }

    [Option("policies", MetaValue = "a,b,...", HelpText = "Policies to compare: 'static' (the scenario's fleet, or static:N for N replicas), 'floor', 'breakeven', 'schedule', 'reactive', 'predictive', 'oracle'. Default: the scenario's scaling.policies, else all but static.")]
    public string? Policies { get; set; }

    [Option("seed", MetaValue = "N", HelpText = "Seed of the replica failures and spot preemptions the policies' fleets draw; overrides the scenario's seed (default 1).")]
    public int? Seed { get; set; }

    [Option("set", MetaValue = "KEY.PATH=VALUE", HelpText = "Override one scenario value, e.g. --set scaling.provisioning_minutes=5 (repeatable).")]
    public IEnumerable<string> Sets { get; set; } = [];

    [Option("router", MetaValue = "MODE", HelpText = IHasSets.RouterHelp)]
    public string? Router { get; set; }

    [Option("allow-unmodelled", HelpText = "Run although router.litellm_config sets keys that would change where requests go but FleetSim does not model; they are listed in a warning.")]
    public bool AllowUnmodelled { get; set; }

    [Option("format", MetaValue = "table|json", HelpText = "What to print: the comparison's table (default) or one JSON object.")]
    public string? Format { get; set; }

    [Option("json", HelpText = CommonHelp.Json)]
    public bool Json { get; set; }

    [Option("quiet", HelpText = CommonHelp.Quiet)]
    public bool Quiet { get; set; }

    [Option("out", MetaValue = "DIR", HelpText = "Where compare.json, compare.txt, compare.png and timeline.png go (default: out/compare).")]
    public string Out { get; set; } = "out/compare";

    [Option("force", HelpText = CommonHelp.Force)]
    public bool Force { get; set; }

    public static IReadOnlyList<VerbExample> Examples =>
    [
        new("Every policy on the seed's traffic", "fleetsim compare"),
        new("Two policies with a 5-minute provisioning delay", "fleetsim compare --policies schedule,reactive --set scaling.provisioning_minutes=5 --out out/delay"),
    ];
}
