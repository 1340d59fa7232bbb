using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using CommandLine;
using FleetSim.Cli;

namespace FleetSim.Tests.Cli;

/// <summary>
/// The README's Commands section against the program (issue 19, "Done when"): each verb's heading is its --help
/// usage line, flag for flag; every example command in README.md runs as written (exit 0), and where the README
/// shows what it prints, stdout is that, byte for byte.
/// </summary>
public partial class ReadmeTests
{
    private static readonly string RepoRoot = Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../.."));
    private static readonly string Readme = Path.Combine(RepoRoot, "README.md");

    private static IEnumerable<string> VerbNames() => CliConventionsTests.VerbTypes.Select(t => t.GetCustomAttribute<VerbAttribute>()!.Name);

    [TestCaseSource(nameof(VerbNames))]
    public void TheHeadingOfEachVerbIsItsHelpUsageFlagForFlag(string verb)
    {
        var headings = File.ReadAllLines(Readme)
            .Select(l => Heading().Match(l)).Where(m => m.Success && m.Groups[1].Value.StartsWith($"fleetsim {verb} ", StringComparison.Ordinal))
            .Select(m => m.Groups[1].Value).ToArray();
        Assert.That(headings, Has.Length.EqualTo(1), $"one '### `fleetsim {verb} ...`' heading in README.md");
        var (code, help, _) = Run(verb, "--help");
        Assert.That(code, Is.EqualTo(0));
        // The flags --help lists (less --help and --version, which every verb has), against the heading's.
        string[] helped = [.. HelpFlag().Matches(help).Select(m => m.Groups[1].Value).Where(f => f is not ("help" or "version")).Order(StringComparer.Ordinal)];
        string[] documented = [.. Flag().Matches(headings[0]).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal)];
        Assert.Multiple(() =>
        {
            Assert.That(documented.Except(helped), Is.Empty, $"in README's heading for {verb} but not in its --help");
            Assert.That(helped.Except(documented), Is.Empty, $"in {verb} --help but not in README's heading");
            Type type = CliConventionsTests.VerbTypes.Single(t => t.GetCustomAttribute<VerbAttribute>()!.Name == verb);
            Assert.That(headings[0], Is.EqualTo(HelpPage.Usage(type)), "the heading is the usage line --help prints");
        });
    }

    [Test]
    public void TheReaderFindsTheExamplesAndTheirOutputs()
    {
        var examples = ReadmeExamples.Read(Readme);
        Assert.Multiple(() =>
        {
            Assert.That(examples.Select(e => e.Args.FirstOrDefault()).Distinct(), Is.SupersetOf(new[] { "run", "compare", "sweep", "report", "tiers", "plan", "trace", "validate" }));
            Assert.That(examples.Where(e => e.Shown is not null && !e.Excerpt).Select(e => e.Args[0]),
                        Is.EqualTo(new[] { "run", "compare", "sweep", "tiers", "plan", "trace", "replica", "validate", "run", "compare", "run", "run", "run" }), "the examples whose output the README shows");
            Assert.That(examples.Where(e => e.Excerpt).Select(e => e.Command), Is.EqualTo(new[] { "dotnet run --project src/FleetSim.Cli -- run scenarios/cline-k2-litellm.yaml --engine request" }));
            Assert.That(ReadmeExamples.ShellWords("sweep --set 'a={b: 1, c: 2}' x\"y z\""), Is.EqualTo(new[] { "sweep", "--set", "a={b: 1, c: 2}", "xy z" }));
        });
    }

    /// <summary>
    /// No two examples write into the same folder: run one after the other as a reader would, the second would be
    /// refused as a previous run's output.
    /// </summary>
    [Test]
    public void NoTwoExamplesShareAnOutFolder()
    {
        var folders = ReadmeExamples.Read(Readme)
            .Select(e => (e.Command, Out: OutFolder(e.Args)))
            .Where(e => e.Out is not null)
            .GroupBy(e => e.Out)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(" | ", g.Select(e => e.Command))}");
        Assert.That(folders, Is.Empty);
    }

    /// <summary>
    /// Every example, each in a fresh folder holding the repository's scenarios (so a run's out/ is its own), as the
    /// real process: exit 0, and stdout equal to the output the README shows, where it shows one.
    /// </summary>
    [Test]
    public void EveryExampleRunsAsWrittenAndPrintsWhatTheReadmeShows()
    {
        var examples = ReadmeExamples.Read(Readme);
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.ForEach(examples.OrderByDescending(e => e.Args.FirstOrDefault() is "tiers" or "report" or "sweep"),
                         new ParallelOptions { MaxDegreeOfParallelism = 2 }, e =>
        {
            var (code, stdout, stderr) = InFreshFolder(e.Args);
            if (code != 0)
            {
                failures.Add($"README.md:{e.Line}: {e.Command}: exit {code}: {stderr.Trim()}");
            }
            else if (e.Shown is not null && e.Excerpt && !InOrder(e.Shown.TrimEnd('\n').Split('\n'), stdout.Split('\n')))
            {
                failures.Add($"README.md:{e.Line}: {e.Command}: printed{Environment.NewLine}{stdout}{Environment.NewLine}without the lines, in order,{Environment.NewLine}{e.Shown}");
            }
            else if (e.Shown is not null && !e.Excerpt && ProvenanceComments.WithoutTime(stdout) != ProvenanceComments.WithoutTime(e.Shown))
            {
                failures.Add($"README.md:{e.Line}: {e.Command}: printed{Environment.NewLine}{stdout}{Environment.NewLine}where the README shows{Environment.NewLine}{e.Shown}");
            }
        });
        Assert.That(failures, Is.Empty);
    }

    /// <summary>The README's two bad-input lines are what validate and run print for the inputs it names.</summary>
    [Test]
    public void TheBadInputLinesAreWhatFleetsimPrints()
    {
        string[] lines = File.ReadAllLines(Readme);
        string misspelt = lines.Single(l => l.StartsWith("fleetsim: scenarios/mine.yaml:", StringComparison.Ordinal));
        string negative = lines.Single(l => l.StartsWith("fleetsim: --set replica.usd_per_gpu_hour=-6:", StringComparison.Ordinal));
        string dir = Directory.CreateTempSubdirectory("fleetsim-mine-").FullName;
        string mine = Path.Combine(dir, "mine.yaml");
        File.WriteAllText(mine, File.ReadAllText(Path.Combine(RepoRoot, "scenarios/cline-k2-floor.yaml"))
            .Replace("  usd_per_gpu_hour:", "  usd_per_gpu_hr:", StringComparison.Ordinal));
        var (validateCode, _, validateErr) = Run("validate", mine);
        var (runCode, _, runErr) = Run("run", "--set", "replica.usd_per_gpu_hour=-6");
        Directory.Delete(dir, recursive: true);
        Assert.Multiple(() =>
        {
            Assert.That(validateCode, Is.EqualTo(ExitCode.BadInput));
            Assert.That(validateErr.Replace(mine, "scenarios/mine.yaml", StringComparison.Ordinal), Is.EqualTo(misspelt + Environment.NewLine));
            Assert.That(runCode, Is.EqualTo(ExitCode.BadInput));
            Assert.That(runErr, Is.EqualTo(negative + Environment.NewLine));
        });
    }

    /// <summary>Whether every line of <paramref name="excerpt"/> is a line of <paramref name="output"/>, in the same order.</summary>
    private static bool InOrder(string[] excerpt, string[] output)
    {
        int at = 0;
        foreach (string line in excerpt)
        {
            at = Array.IndexOf(output, line, at);
            if (at < 0)
            {
                return false;
            }
            at++;
        }
        return true;
    }

    private static string? OutFolder(string[] args)
    {
        int i = Array.IndexOf(args, "--out");
        if (i >= 0 && i + 1 < args.Length)
        {
            return args[i + 1];
        }
        return args.FirstOrDefault() is { } verb && verb is not ("run" or "validate") ? $"out/{verb}" : null;
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = FleetSim.Cli.Cli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static (int Code, string Out, string Err) InFreshFolder(string[] args)
    {
        string dir = Directory.CreateTempSubdirectory("fleetsim-readme-").FullName;
        try
        {
            Directory.CreateSymbolicLink(Path.Combine(dir, "scenarios"), Path.Combine(RepoRoot, "scenarios"));
            using Process p = Process.Start(CliProcess.Start(dir, args))!;
            Task<string> stdout = p.StandardOutput.ReadToEndAsync();
            Task<string> stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(TimeSpan.FromSeconds(90)))
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit();
                return (-1, stdout.Result, "did not finish within 90 s");
            }
            return (p.ExitCode, stdout.Result, stderr.Result);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [GeneratedRegex(@"^### `(fleetsim [^`]+)`$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"--([a-z][a-z-]*)")]
    private static partial Regex Flag();

    /// <summary>An option's line in --help: two spaces, then --flag (a value after '=').</summary>
    [GeneratedRegex(@"^  --([a-z][a-z-]*)", RegexOptions.Multiline)]
    private static partial Regex HelpFlag();
}
