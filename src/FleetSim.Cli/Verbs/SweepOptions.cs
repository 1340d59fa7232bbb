using CommandLine;

namespace FleetSim.Cli.Verbs;

[Verb("sweep", HelpText = "Monte Carlo: many noisy months per policy, crossed with a parameter grid; P5/P50/P95 and a 95 % confidence interval of the mean per grid point and policy. Writes runs.csv, summary.csv, sweep.png and sweep.json.")]
public sealed class SweepOptions : IHasSets
{
    [Value(0, MetaName = "SCENARIO", Required = false, HelpText = "Scenario YAML file; omit it for the built-in default. Its traffic.noise makes each month differ.")]
    public string? Scenario { get; set; }

    [Option("runs", Default = 100, MetaValue = "N", HelpText = "Months per grid point and policy.")]
    public int Runs { get; set; } = 100;

    [Option("seed", MetaValue = "N", HelpText = "Seed of run 0 (run r uses seed + r, the same at every grid point and for every policy). Default: the scenario's seed.")]
    public int? Seed { get; set; }

    [Option("set", MetaValue = "KEY.PATH=V1,V2,...", HelpText = "A grid axis (several values) or a plain override (one value); repeatable. Commas inside [..] or {..} do not split.")]
    public IEnumerable<string> Sets { get; set; } = [];

    [Option("router", MetaValue = "MODE", HelpText = IHasSets.RouterHelp)]
    public string? Router { get; set; }

    [Option("allow-unmodelled", HelpText = "Run although router.litellm_config sets keys that would change where requests go but FleetSim does not model; they are listed in a warning.")]
    public bool AllowUnmodelled { get; set; }

    [Option("policies", MetaValue = "a,b,...", HelpText = "Policies to sweep (as for compare). Default: the scenario's scaling.policies.")]
    public string? Policies { get; set; }

    [Option("threads", MetaValue = "T", HelpText = "Worker threads (default: one per core). The results do not depend on it.")]
    public int? Threads { get; set; }

    [Option("shard", MetaValue = "i/N", HelpText = "Run only slice i of N (for a job array); combine the slices with fleetsim merge.")]
    public string? Shard { get; set; }

    [Option("format", MetaValue = "table|json", HelpText = "What to print: the summary's table (default) or JSON.")]
    public string? Format { get; set; }

    [Option("json", HelpText = CommonHelp.Json)]
    public bool Json { get; set; }

    [Option("quiet", HelpText = CommonHelp.Quiet)]
    public bool Quiet { get; set; }

    [Option("out", MetaValue = "DIR", HelpText = "Where runs.csv, summary.csv, sweep.png and sweep.json go (default: out/sweep).")]
    public string Out { get; set; } = "out/sweep";

    [Option("force", HelpText = "Overwrite a previous run's files in --out, and run a sweep of more than 1,000,000 simulated months (grid points × policies × --runs): both are otherwise refused as likely mistakes. A grid still has at most 1,000,000 points. See docs/limits.md.")]
    public bool Force { get; set; }

    public static IReadOnlyList<VerbExample> Examples =>
    [
        new("1,000 noisy months of three policies", "fleetsim sweep --runs 1000 --policies floor,schedule,oracle --set 'traffic.noise={minute_cv: 0.2, minute_correlation: 0.9, daily_cv: 0.1}'"),
        new("A price grid, slice 2 of 4 of a job array", "fleetsim sweep --set api.usd_per_million_tokens=0.25,0.317,0.40 --shard 2/4 --out out/shard-2"),
    ];
}
