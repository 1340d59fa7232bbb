using CommandLine;
using CommandLine.Text;

namespace FleetSim.Cli.Verbs;

[Verb("run", isDefault: false, HelpText = "Simulate a scenario for its horizon and print the bill beside the all-API baseline.")]
public sealed class RunOptions : IHasSets
{
    [Value(0, MetaName = "SCENARIO", Required = false,
        HelpText = "Scenario YAML file. Omit it to run the built-in default: the seed's deployment (scenarios/cline-k2-floor.yaml).")]
    public string? Scenario { get; set; }

    [Option("router", MetaValue = "MODE", HelpText = IHasSets.RouterHelp)]
    public string? Router { get; set; }

    [Option("engine", HelpText = "'minute' (vectorized minutes, closed-form routers: microseconds a month) or 'request' (every request on the event kernel: the reference, with latencies). Default: minute where the router has a minute form, else request.")]
    public string? Engine { get; set; }

    [Option("seed", HelpText = "Seed of the request engine's random numbers (overrides the scenario's seed; default 1). Same seed, same run.")]
    public int? Seed { get; set; }

    [Option("set", MetaValue = "KEY.PATH=VALUE", HelpText = "Override one scenario value, e.g. --set fleet.replicas=6 (repeatable; the value is read as YAML).")]
    public IEnumerable<string> Sets { get; set; } = [];

    [Option("allow-unmodelled", HelpText = "Run although router.litellm_config sets keys that would change where requests go but FleetSim does not model; they are listed in a warning.")]
    public bool AllowUnmodelled { get; set; }

    [Option("json", HelpText = "Print the bill as one JSON object (snake_case fields) instead of the table.")]
    public bool Json { get; set; }

    [Option("out", MetaValue = "DIR", HelpText = "Also write bill.json, bill.txt and minutes.csv (per-minute demand, self-hosted and spilled tok/s) into DIR.")]
    public string? Out { get; set; }

    [Usage(ApplicationAlias = "fleetsim")]
    public static IEnumerable<Example> Examples =>
    [
        new("The seed's deployment (built-in default)", new RunOptions()),
        new("The seed's spreadsheet arithmetic", new RunOptions { Router = "fluid" }),
        new("Six replicas instead of the floor, as JSON", new RunOptions { Scenario = "scenarios/cline-k2-floor.yaml", Sets = ["fleet.replicas=6"], Json = true }),
    ];
}
