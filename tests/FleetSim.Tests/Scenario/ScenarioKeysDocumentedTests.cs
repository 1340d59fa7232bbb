using System.Text.RegularExpressions;
using FleetSim.Scenario;

namespace FleetSim.Tests.Scenario;

/// <summary>
/// docs/scenarios.md says it lists every scenario key. These tests hold it to that against the reader's
/// own lists (<see cref="ScenarioKeyProbe"/>): every key the reader accepts is documented, and every key
/// the table documents is one the reader accepts.
/// </summary>
/// <remarks>
/// A key is documented when the table has a row for it, or when the row of the nearest section above it
/// names it (a section's small fields, such as <c>hourly_percentiles</c>' <c>trough</c> or
/// <c>bursts</c>' <c>per_day</c>, are described in their section's row). A row may name several keys:
/// <c>`scaling.reactive.scale_up`, `scale_down`</c> is <c>scaling.reactive.scale_up</c> and
/// <c>scaling.reactive.scale_down</c>.
/// </remarks>
public class ScenarioKeysDocumentedTests
{
    private static readonly string RepoRoot = Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../.."));

    private static readonly Lazy<SortedSet<string>> ReaderKeys = new(() => ScenarioKeyProbe.Keys(
    [
        (ScenarioLoader.DefaultScenarioYaml(), Path.Combine(RepoRoot, "scenarios/cline-k2-floor.yaml")),
        // Beside traffic.trace the reader reads the trace keys (elsewhere it refuses them as going with a trace).
        Scenario("scenarios/cline-k2-trace.yaml"),
        Scenario("scenarios/cline-k2-litellm.yaml"),
    ]));

    private static readonly Lazy<IReadOnlyList<DocumentedRow>> Rows = new(() => DocumentedRow.Read(Path.Combine(RepoRoot, "docs/scenarios.md")));

    private static (string, string) Scenario(string relative)
    {
        string path = Path.Combine(RepoRoot, relative);
        return (File.ReadAllText(path), path);
    }

    [Test]
    public void The_probe_finds_keys_at_every_depth_and_in_list_items()
    {
        // Spot checks that the probe reaches each kind of place, so an empty or shallow list cannot pass the tests below.
        Assert.That(ReaderKeys.Value, Is.SupersetOf(new[]
        {
            "horizon_hours",                                   // top level
            "traffic.noise.bursts.per_day",                    // a section in a section in a section
            "traffic.daily_shape.hourly_percentiles.p99",      // read only without 'hourly'
            "traffic.trace_columns.timestamp_unit",            // read only beside traffic.trace
            "api.outages.start_hour",                          // a key of a list item
            "scaling.reactive.scale_up.policies.period_seconds",
        }));
        Assert.That(ReaderKeys.Value, Does.Not.Contain("traffic.daily_shape.hourly.x"));
    }

    [Test]
    public void Every_key_the_reader_accepts_is_in_docs_scenarios_md()
    {
        string[] missing = [.. ReaderKeys.Value.Where(key => !IsDocumented(key, Rows.Value))];
        Assert.That(missing, Is.Empty, "keys the scenario reader accepts that docs/scenarios.md does not describe");
    }

    [Test]
    public void Every_key_docs_scenarios_md_lists_is_one_the_reader_accepts()
    {
        string[] unknown = [.. Rows.Value.SelectMany(r => r.Keys).Where(key => !ReaderKeys.Value.Contains(key))];
        Assert.That(unknown, Is.Empty, "keys in docs/scenarios.md's table that the scenario reader refuses");
    }

    private static bool IsDocumented(string key, IReadOnlyList<DocumentedRow> rows)
    {
        if (rows.Any(r => r.Keys.Contains(key)))
        {
            return true;
        }
        string[] parts = key.Split('.');
        for (int depth = parts.Length - 1; depth >= 1; depth--)
        {
            string section = string.Join('.', parts.Take(depth));
            if (rows.FirstOrDefault(r => r.Keys.Contains(section)) is { } row)
            {
                return parts.Skip(depth).All(row.Mentions);
            }
        }
        return false;
    }

    /// <summary>One row of the key table: the keys its first cell names, and its whole text.</summary>
    private sealed record DocumentedRow(IReadOnlyList<string> Keys, string Text)
    {
        private static readonly Regex Backticked = new("`([a-z_][a-z0-9_.]*)`", RegexOptions.CultureInvariant);

        public bool Mentions(string word) => Regex.IsMatch(Text, $@"(?<![a-z0-9_]){Regex.Escape(word)}(?![a-z0-9_])");

        public static IReadOnlyList<DocumentedRow> Read(string path)
        {
            var rows = new List<DocumentedRow>();
            foreach (string line in File.ReadLines(path))
            {
                if (!line.StartsWith('|'))
                {
                    continue;
                }
                string firstCell = line.Split('|', StringSplitOptions.None)[1];
                var names = Backticked.Matches(firstCell).Select(m => m.Groups[1].Value).ToList();
                if (names.Count == 0)
                {
                    continue;
                }
                // `a.b.c`, `d` names a.b.c and a.b.d.
                string prefix = names[0].Contains('.') ? names[0][..(names[0].LastIndexOf('.') + 1)] : "";
                rows.Add(new DocumentedRow([.. names.Select(n => n.Contains('.') ? n : prefix + n)], line));
            }
            return rows;
        }
    }
}
