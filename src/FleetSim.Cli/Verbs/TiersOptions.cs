using CommandLine;
using CommandLine.Text;

namespace FleetSim.Cli.Verbs;

[Verb("tiers", HelpText = "Who should self-host: the scenario's traffic scaled to monthly API spend levels, simulated floor-sized, with the best autoscaling policy and aggressively tuned; net of the engineers it takes, bare GPUs against a managed provider, and a verdict per tier.")]
public sealed class TiersOptions : IHasSets
{
    [Value(0, MetaName = "SCENARIO", Required = false, HelpText = "Scenario YAML file; omit it for the built-in default (the seed's deployment).")]
    public string? Scenario { get; set; }

    [Option("spend", MetaValue = "20K,35K,...", HelpText = "Monthly API spend levels (default: the scenario's tiers.spend, else $20K, $35K, $50K, $100K, $185K, $250K, $500K, $1M, $2M, $5M). At most $1B a month each, and 20 levels (each level is a full comparison: some seconds at $1B).")]
    public string? Spend { get; set; }

    [Option("format", Default = "table", HelpText = "table (terminal) or md (Markdown).")]
    public string Format { get; set; } = "table";

    [Option("set", MetaValue = "KEY.PATH=VALUE", HelpText = "Override one scenario value, e.g. --set tiers.team.has_gpu_expertise=true (repeatable).")]
    public IEnumerable<string> Sets { get; set; } = [];

    [Option("router", MetaValue = "MODE", HelpText = IHasSets.RouterHelp)]
    public string? Router { get; set; }

    [Option("allow-unmodelled", HelpText = "Run although router.litellm_config sets keys that would change where requests go but FleetSim does not model; they are listed in a warning.")]
    public bool AllowUnmodelled { get; set; }

    [Option("json", HelpText = "Print the tiers as JSON instead of the table.")]
    public bool Json { get; set; }

    [Option("out", MetaValue = "DIR", HelpText = "Where tiers.png, tiers.md and tiers.json go (default: out/tiers).")]
    public string Out { get; set; } = "out/tiers";

    [Usage(ApplicationAlias = "fleetsim")]
    public static IEnumerable<Example> Examples =>
    [
        new("The seed's traffic at every spend level", new TiersOptions()),
        new("A team that already runs GPUs, as Markdown", new TiersOptions { Sets = ["tiers.team.has_gpu_expertise=true"], Format = "md" }),
    ];
}
