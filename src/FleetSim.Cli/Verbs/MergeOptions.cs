using CommandLine;
using CommandLine.Text;

namespace FleetSim.Cli.Verbs;

[Verb("merge", HelpText = "Combine the output folders of sweep shards (--shard i/N) into exactly what one unsharded sweep writes.")]
public sealed class MergeOptions
{
    [Value(0, MetaName = "DIR...", Required = true, HelpText = "Shard output folders, each holding runs.csv and sweep.json.")]
    public IEnumerable<string> Directories { get; set; } = [];

    [Option("out", MetaValue = "DIR", HelpText = "Where the merged runs.csv, summary.csv, sweep.png and sweep.json go (default: out/sweep).")]
    public string Out { get; set; } = "out/sweep";

    [Option("json", HelpText = "Print the merged summary as JSON instead of the table.")]
    public bool Json { get; set; }

    [Usage(ApplicationAlias = "fleetsim")]
    public static IEnumerable<Example> Examples =>
    [
        new("Merge four shards", new MergeOptions { Directories = ["out/shard-1", "out/shard-2", "out/shard-3", "out/shard-4"], Out = "out/sweep" }),
    ];
}
