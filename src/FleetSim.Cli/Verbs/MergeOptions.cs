using CommandLine;

namespace FleetSim.Cli.Verbs;

[Verb("merge", HelpText = "Combine the output folders of sweep shards (--shard i/N) into exactly what one unsharded sweep writes.")]
public sealed class MergeOptions
{
    [Value(0, MetaName = "DIR...", Required = true, HelpText = "Shard output folders, each holding runs.csv and sweep.json.")]
    public IEnumerable<string> Directories { get; set; } = [];

    [Option("format", MetaValue = "table|json", HelpText = "What to print: the merged summary's table (default) or JSON.")]
    public string? Format { get; set; }

    [Option("json", HelpText = CommonHelp.Json)]
    public bool Json { get; set; }

    [Option("quiet", HelpText = CommonHelp.Quiet)]
    public bool Quiet { get; set; }

    [Option("out", MetaValue = "DIR", HelpText = "Where the merged runs.csv, summary.csv, sweep.png and sweep.json go (default: out/sweep).")]
    public string Out { get; set; } = "out/sweep";

    [Option("force", HelpText = CommonHelp.Force)]
    public bool Force { get; set; }

    public static IReadOnlyList<VerbExample> Examples =>
    [
        new("Merge four shards", "fleetsim merge out/shard-1 out/shard-2 out/shard-3 out/shard-4 --out out/sweep"),
    ];
}
