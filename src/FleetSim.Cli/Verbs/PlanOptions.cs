using CommandLine;

namespace FleetSim.Cli.Verbs;

[Verb("plan", HelpText = "The cheapest fleet across a catalogue's GPU node types, instance sizes, tensor-parallel replicas, pools (on demand, spot, reserved) and policies: every candidate priced on the minute engine, the cheapest verified by Monte Carlo; writes plan.json, plan.md, plan.png and deployable config under deploy/.")]
public sealed class PlanOptions : IHasSets
{
    [Value(0, MetaName = "SCENARIO", Required = false, HelpText = "Scenario YAML file; omit it for the built-in default (the seed's deployment).")]
    public string? Scenario { get; set; }

    [Option("catalogue", MetaValue = "FILE", HelpText = "Node catalogue YAML (docs/catalogue.md); overrides the scenario's plan.catalogue. Default: the built-in public list prices (scenarios/catalogue/public-gpu-nodes.yaml).")]
    public string? Catalogue { get; set; }

    [Option("slo", MetaValue = "KEY=VALUE,...", HelpText = "Latency objectives every plan must meet, e.g. --slo ttft_p95_seconds=2,tpot_p95_ms=60 (the scenario's slo: keys; overrides them). A replica that cannot meet them at any max in flight is left out.")]
    public string? Slo { get; set; }

    [Option("top", MetaValue = "K", HelpText = "How many of the cheapest candidates to verify by Monte Carlo (default: the scenario's plan.top, else 3; at most 50).")]
    public int? Top { get; set; }

    [Option("runs", MetaValue = "N", HelpText = "Months each verified plan runs (default: the scenario's plan.runs, else 5; at most 1,000).")]
    public int? Runs { get; set; }

    [Option("seed", MetaValue = "N", HelpText = "Seed of the first verified month (then N+1, …): the traffic's noise, replica failures and spot preemptions; overrides the scenario's seed (default 1).")]
    public int? Seed { get; set; }

    [Option("set", MetaValue = "KEY.PATH=VALUE", HelpText = "Override one scenario value, e.g. --set plan.pools=[on_demand,spot] (repeatable).")]
    public IEnumerable<string> Sets { get; set; } = [];

    [Option("router", MetaValue = "MODE", HelpText = IHasSets.RouterHelp)]
    public string? Router { get; set; }

    [Option("allow-unmodelled", HelpText = "Run although router.litellm_config sets keys that would change where requests go but FleetSim does not model; they are listed in a warning.")]
    public bool AllowUnmodelled { get; set; }

    [Option("format", MetaValue = "table|json", HelpText = "What to print: the plan's table (default) or plan.json.")]
    public string? Format { get; set; }

    [Option("json", HelpText = CommonHelp.Json)]
    public bool Json { get; set; }

    [Option("quiet", HelpText = CommonHelp.Quiet)]
    public bool Quiet { get; set; }

    [Option("out", MetaValue = "DIR", HelpText = "Where plan.json, plan.md, plan.png and deploy/ go (default: out/plan).")]
    public string Out { get; set; } = "out/plan";

    [Option("force", HelpText = CommonHelp.Force)]
    public bool Force { get; set; }

    public static IReadOnlyList<VerbExample> Examples =>
    [
        new("The cheapest fleet for the seed's traffic from the built-in catalogue", "fleetsim plan"),
        new("Only on-demand and spot nodes, with a latency objective", "fleetsim plan --set plan.pools=[on_demand,spot] --slo tpot_p95_ms=60 --out out/plan-spot"),
    ];
}
