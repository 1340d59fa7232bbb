using CommandLine;

namespace FleetSim.Cli.Verbs;

[Verb("run", isDefault: false, HelpText = "Simulate a scenario for its horizon and print the bill beside the all-API baseline.")]
public sealed class RunOptions : IHasSets
{
    [Value(0, MetaName = "SCENARIO", Required = false,
        HelpText = "Scenario YAML file. Omit it to run the built-in default: the seed's deployment (scenarios/cline-k2-floor.yaml).")]
    public string? Scenario { get; set; }

    [Option("router", MetaValue = "MODE", HelpText = IHasSets.RouterHelp)]
    public string? Router { get; set; }

    [Option("engine", MetaValue = "minute|request", HelpText = "'minute' (vectorized minutes, closed-form routers: microseconds a month) or 'request' (every request on the event kernel: the reference, with latencies). Default: minute where the router has a minute form, else request.")]
    public string? Engine { get; set; }

    [Option("seed", MetaValue = "N", HelpText = "Seed of the random numbers (the request engine's arrivals, failures, preemptions, noise); overrides the scenario's seed (default 1). Same seed, same run.")]
    public int? Seed { get; set; }

    [Option("set", MetaValue = "KEY.PATH=VALUE", HelpText = "Override one scenario value, e.g. --set fleet.replicas=6 (repeatable; the value is read as YAML).")]
    public IEnumerable<string> Sets { get; set; } = [];

    [Option("allow-unmodelled", HelpText = "Run although router.litellm_config sets keys that would change where requests go but FleetSim does not model; they are listed in a warning.")]
    public bool AllowUnmodelled { get; set; }

    [Option("format", MetaValue = "table|json", HelpText = "What to print: the bill's table (default) or one JSON object (snake_case fields).")]
    public string? Format { get; set; }

    [Option("json", HelpText = CommonHelp.Json)]
    public bool Json { get; set; }

    [Option("quiet", HelpText = CommonHelp.Quiet)]
    public bool Quiet { get; set; }

    [Option("out", MetaValue = "DIR", HelpText = "Also write bill.json, bill.txt and minutes.csv (per-minute demand, self-hosted and spilled tok/s) into DIR (default: no files).")]
    public string? Out { get; set; }

    [Option("force", HelpText = CommonHelp.Force)]
    public bool Force { get; set; }

    public static IReadOnlyList<VerbExample> Examples =>
    [
        new("The seed's deployment (built-in default)", "fleetsim run"),
        new("The seed's spreadsheet arithmetic", "fleetsim run --router fluid"),
        new("Six replicas instead of the floor, as JSON", "fleetsim run scenarios/cline-k2-floor.yaml --set fleet.replicas=6 --format json"),
    ];
}
