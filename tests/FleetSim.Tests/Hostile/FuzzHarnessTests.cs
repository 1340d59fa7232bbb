using System.Collections.Concurrent;

namespace FleetSim.Tests.Hostile;

/// <summary>
/// Issue 15's fuzz and property harness: the generated corpus of <see cref="FuzzCorpus"/> run against the real
/// fleetsim process, each outcome held to <see cref="FuzzJudge"/>. Prints its counts to fuzz.txt beside the
/// test assembly, which CI shows.
/// </summary>
[NonParallelizable]
public class FuzzHarnessTests
{
    private static readonly ConcurrentDictionary<string, (int Cases, int Refused, int Ran, int Broken)> Counts = new();

    private static IEnumerable<string> Surfaces => ["scenario", "yaml", "litellm", "trace", "flag", "work", "degenerate"];

    [TestCaseSource(nameof(Surfaces))]
    public void EveryCaseEndsInAMessageOrASaneBill(string surface)
    {
        FuzzCase[] cases = [.. FuzzCorpus.All().Where(c => c.Surface == surface)];
        var broken = new ConcurrentBag<string>();
        int refused = 0;
        int ran = 0;
        Parallel.ForEach(cases, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, c =>
        {
            FuzzOutcome o = FleetsimProcess.Run(c);
            if (FuzzJudge.Judge(c, o) is { } why)
            {
                broken.Add($"{c}: {why}");
            }
            Interlocked.Increment(ref o.Code == 2 ? ref refused : ref ran);
        });
        Counts[surface] = (cases.Length, refused, ran, broken.Count);
        TestContext.Progress.WriteLine($"fuzz: {surface} {cases.Length} cases, {refused} refused, {ran} ran, {broken.Count} broken");
        File.WriteAllText(Path.Combine(TestContext.CurrentContext.WorkDirectory, "fuzz.txt"),
            "fuzz: " + string.Join("; ", Counts.OrderBy(k => k.Key).Select(k =>
                $"{k.Key} {k.Value.Cases} cases, {k.Value.Refused} refused, {k.Value.Ran} ran, {k.Value.Broken} broken")) + Environment.NewLine);
        File.WriteAllLines(Path.Combine(TestContext.CurrentContext.WorkDirectory, $"fuzz-{surface}-broken.txt"), broken.OrderBy(b => b, StringComparer.Ordinal));
        Assert.That(broken.OrderBy(b => b, StringComparer.Ordinal).Take(40), Is.Empty, $"{broken.Count} of {cases.Length} {surface} cases broke a rule");
    }
}
