using CommandLine;

namespace FleetSim.Cli.Verbs;

[Verb("tiers", HelpText = "Who should self-host: the scenario's traffic scaled to monthly API spend levels, simulated floor-sized, with the best autoscaling policy and aggressively tuned; net of the engineers it takes, bare GPUs against a managed provider, and a verdict per tier.")]
public sealed class TiersOptions : IHasSets
{
    [Value(0, MetaName = "SCENARIO", Required = false, HelpText = "Scenario YAML file; omit it for the built-in default (the seed's deployment).")]
    public string? Scenario { get; set; }

    [Option("spend", MetaValue = "20K,35K,...", HelpText = "Monthly API spend levels (default: the scenario's tiers.spend, else $20K, $35K, $50K, $100K, $185K, $250K, $500K, $1M, $2M, $5M). At most $1B a month each, and 20 levels (each level is a full comparison: some seconds at $1B).")]
    public string? Spend { get; set; }

    [Option("seed", MetaValue = "N", HelpText = "Seed of the replica failures and spot preemptions the policies' fleets draw; overrides the scenario's seed (default 1).")]
    public int? Seed { get; set; }

    [Option("set", MetaValue = "KEY.PATH=VALUE", HelpText = "Override one scenario value, e.g. --set tiers.team.has_gpu_expertise=true (repeatable).")]
    public IEnumerable<string> Sets { get; set; } = [];

    [Option("router", MetaValue = "MODE", HelpText = IHasSets.RouterHelp)]
    public string? Router { get; set; }

    [Option("allow-unmodelled", HelpText = "Run although router.litellm_config sets keys that would change where requests go but FleetSim does not model; they are listed in a warning.")]
    public bool AllowUnmodelled { get; set; }

    [Option("format", MetaValue = "table|md|json", HelpText = "What to print: the terminal table (default), Markdown (tiers.md without its provenance line) or JSON (tiers.json).")]
    public string? Format { get; set; }

    [Option("json", HelpText = CommonHelp.Json)]
    public bool Json { get; set; }

    [Option("quiet", HelpText = CommonHelp.Quiet)]
    public bool Quiet { get; set; }

    [Option("out", MetaValue = "DIR", HelpText = "Where tiers.png, tiers.md and tiers.json go (default: out/tiers).")]
    public string Out { get; set; } = "out/tiers";

    [Option("force", HelpText = CommonHelp.Force)]
    public bool Force { get; set; }

    public static IReadOnlyList<VerbExample> Examples =>
    [
        new("The seed's traffic at every spend level", "fleetsim tiers"),
        new("A team that already runs GPUs, as Markdown", "fleetsim tiers --spend 185K,1M --set tiers.team.has_gpu_expertise=true --format md --out out/tiers-gpu-team"),
    ];
}
