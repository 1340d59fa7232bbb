using CommandLine;

namespace FleetSim.Cli.Verbs;

[Verb("report", HelpText = "Run the scenario's bill, its policies and a Monte Carlo sweep, and write five charts, report.md and a self-contained report.html.")]
public sealed class ReportOptions : IHasSets
{
    [Value(0, MetaName = "SCENARIO", Required = false, HelpText = "Scenario YAML file; omit it for the built-in default (the seed's deployment).")]
    public string? Scenario { get; set; }

    [Option("runs", Default = 200, MetaValue = "N", HelpText = "Monte Carlo months per policy for savings-distribution.png (the scenario's traffic.noise, failures and preemptions make them differ).")]
    public int Runs { get; set; } = 200;

    [Option("policies", MetaValue = "a,b,...", HelpText = "Policies to report on (as for compare). Default: the scenario's scaling.policies.")]
    public string? Policies { get; set; }

    [Option("seed", MetaValue = "N", HelpText = "Seed of the Monte Carlo's month 0 (month r uses seed + r) and of the policies' failures and preemptions; overrides the scenario's seed (default 1).")]
    public int? Seed { get; set; }

    [Option("set", MetaValue = "KEY.PATH=VALUE", HelpText = "Override one scenario value (repeatable).")]
    public IEnumerable<string> Sets { get; set; } = [];

    [Option("router", MetaValue = "MODE", HelpText = IHasSets.RouterHelp)]
    public string? Router { get; set; }

    [Option("allow-unmodelled", HelpText = "Run although router.litellm_config sets keys that would change where requests go but FleetSim does not model; they are listed in a warning.")]
    public bool AllowUnmodelled { get; set; }

    [Option("format", MetaValue = "table|json", HelpText = "What to print: the report's heading and finding (default), or JSON with the bill, the comparison and the Monte Carlo summary.")]
    public string? Format { get; set; }

    [Option("json", HelpText = CommonHelp.Json)]
    public bool Json { get; set; }

    [Option("quiet", HelpText = CommonHelp.Quiet)]
    public bool Quiet { get; set; }

    [Option("out", MetaValue = "DIR", HelpText = "Where the charts, report.md and report.html go (default: out/report).")]
    public string Out { get; set; } = "out/report";

    [Option("force", HelpText = "Overwrite a previous report's files in --out, and run a Monte Carlo of more than 1,000,000 simulated months (--runs × policies): both are otherwise refused as likely mistakes. See docs/limits.md.")]
    public bool Force { get; set; }

    public static IReadOnlyList<VerbExample> Examples =>
    [
        new("The time-of-day scenario, every policy, a noisy-month distribution", "fleetsim report scenarios/cline-k2-time-of-day.yaml --set 'traffic.noise={minute_cv: 0.2, minute_correlation: 0.9, daily_cv: 0.1}'"),
        new("Two policies, as JSON", "fleetsim report --policies floor,schedule --format json --out out/report-two"),
    ];
}
