using CommandLine;
using CommandLine.Text;

namespace FleetSim.Cli.Verbs;

[Verb("report", HelpText = "Run the scenario's bill, its policies and a Monte Carlo sweep, and write five charts, report.md and a self-contained report.html.")]
public sealed class ReportOptions : IHasSets
{
    [Value(0, MetaName = "SCENARIO", Required = false, HelpText = "Scenario YAML file; omit it for the built-in default (the seed's deployment).")]
    public string? Scenario { get; set; }

    [Option("runs", Default = 200, HelpText = "Monte Carlo months per policy for savings-distribution.png (the scenario's traffic.noise makes them differ).")]
    public int Runs { get; set; } = 200;

    [Option("set", MetaValue = "KEY.PATH=VALUE", HelpText = "Override one scenario value (repeatable).")]
    public IEnumerable<string> Sets { get; set; } = [];

    [Option("router", MetaValue = "MODE", HelpText = IHasSets.RouterHelp)]
    public string? Router { get; set; }

    [Option("allow-unmodelled", HelpText = "Run although router.litellm_config sets keys that would change where requests go but FleetSim does not model; they are listed in a warning.")]
    public bool AllowUnmodelled { get; set; }

    [Option("out", MetaValue = "DIR", HelpText = "Where the report goes (default: out/report).")]
    public string Out { get; set; } = "out/report";

    [Option("force", HelpText = "Run a report whose Monte Carlo sweep is more than 1,000,000 simulated months (--runs × policies), which is otherwise refused as a likely typo. See docs/limits.md.")]
    public bool Force { get; set; }

    [Usage(ApplicationAlias = "fleetsim")]
    public static IEnumerable<Example> Examples =>
    [
        new("The seed's deployment, every policy, a noisy-month distribution", new ReportOptions { Scenario = "scenarios/cline-k2-time-of-day.yaml" }),
    ];
}
