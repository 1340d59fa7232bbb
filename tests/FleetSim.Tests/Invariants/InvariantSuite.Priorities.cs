using System.Globalization;
using FleetSim.Engine;
using FleetSim.Routing;
using FleetSim.Runs;
using FleetSim.Scenario;
using FleetSim.Tests.Routing.Priorities;

namespace FleetSim.Tests.Invariants;

/// <summary>
/// Issue 18, priorities among classes: random reservation chains (the closed form against an independent log-space
/// chain, ordered by priority, Erlang B without a reservation, the top class never worse off than without one) and
/// random class scenarios on the minute engine (per-class spill shares ordered by priority under reserved slots, the
/// class identities kept, and priorities without reserved slots billing exactly what the same scenario bills without them).
/// </summary>
public partial class InvariantSuite
{
    private const int PriorityChains = 400;
    private const int PriorityScenarios = 40;

    [Test]
    public void ReservedSlotsChainsAreOrderedAndExact()
    {
        InvariantChecks checks = Start("priority-chain");
        Property(checks, () =>
        {
            for (int i = 0; i < PriorityChains; i++)
            {
                int seed = unchecked(BaseSeed * 7919 + 18_300_001 + i);
                var random = new Random(seed);
                int slots = random.Next(0, 301);
                int n = 2 + random.Next(3);
                int[] priority = [.. Enumerable.Range(0, n).Select(_ => random.Next(4) * 60)];
                int[] keep = [.. Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.6 ? random.Next(0, Math.Max(1, slots / 3)) : 0)];
                int[] reserved = [.. Enumerable.Range(0, n).Select(c => Enumerable.Range(0, n).Where(k => priority[k] < priority[c]).Sum(k => keep[k]))];
                double[] erlangs = [.. Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.1 ? 0 : Math.Exp(Math.Log(1e-3) + random.NextDouble() * Math.Log(2e3 * Math.Max(1, slots))))];
                checks.Generated++;
                checks.Ran++;
                checks.Context = $"chain seed {seed}: S {slots}, A [{string.Join(", ", erlangs.Select(a => a.ToString("G4", CultureInfo.InvariantCulture)))}], " +
                                 $"priority [{string.Join(", ", priority)}], r [{string.Join(", ", reserved)}]";
                var b = new double[n];
                ReservedSlotsLoss.Blocking(slots, erlangs, reserved, b);
                double[] reference = BirthDeathReference.Blocking(slots, erlangs, reserved);
                for (int c = 0; c < n; c++)
                {
                    checks.True(b[c] >= 0 && b[c] <= 1, "chain: 0 ≤ Bᵢ ≤ 1", () => $"B {b[c]}");
                    // Below 1e−17 the sum stops (what is served cannot change), so a tiny Bᵢ is only bounded: 1e−9 × 1e−7 = 1e−16 absolute.
                    checks.Close(b[c], reference[c], 1e-9, 1e-7, "chain: Bᵢ = the log-space chain's");
                    for (int k = 0; k < n; k++)
                    {
                        if (priority[c] < priority[k])
                        {
                            checks.AtMost(b[c], b[k], 1e-12, "chain: a more important class is never refused more");
                        }
                    }
                }
                double total = erlangs.Sum();
                double erlangB = ErlangB.Loss(slots, total);
                if (reserved.All(r => r == 0))
                {
                    foreach (double x in b)
                    {
                        checks.Close(x, erlangB, 1e-9, 1e-7, "chain: no reservation is Erlang B");
                    }
                }
                int top = Enumerable.Range(0, n).MinBy(c => priority[c]);
                checks.AtMost(b[top], erlangB, 1e-12, "chain: the most important class is refused no more than without a reservation");
            }
        });
    }

    [Test]
    public void PrioritiesOnTheMinuteEngineKeepOrderAndIdentities()
    {
        InvariantChecks checks = Start("priority-run");
        Property(checks, () =>
        {
            for (int i = 0; i < PriorityScenarios; i++)
            {
                int seed = unchecked(BaseSeed * 7919 + 18_400_001 + i);
                var random = new Random(seed);
                int interactive = 2 + random.Next(2);
                bool deferrable = random.NextDouble() < 0.4;
                int count = interactive + (deferrable ? 1 : 0);
                double[] weights = [.. Enumerable.Range(0, count).Select(_ => 0.05 + random.NextDouble())];
                double[] shares = [.. weights.Select(w => Math.Round(w / weights.Sum(), 6))];
                shares[^1] = 1 - shares[..^1].Sum();
                int[] priority = [.. Enumerable.Range(0, interactive).Select(_ => random.Next(3) * 100)];
                if (priority.Distinct().Count() == 1)
                {
                    priority[0] = priority.Max() + 1;
                }
                int replicas = 1 + random.Next(8);
                int highest = priority.Max();
                int[] keep = [.. Enumerable.Range(0, interactive).Select(c => priority[c] < highest && random.NextDouble() < 0.8 ? 1 + random.Next(4 * replicas) : 0)];
                string Classes(bool ranked, bool reserve) => "traffic.classes=[" + string.Join(", ", Enumerable.Range(0, count).Select(c =>
                {
                    string share = shares[c].ToString("R", CultureInfo.InvariantCulture);
                    if (c >= interactive)
                    {
                        return $"{{name: c{c}, share: {share}, deadline_hours: {1 + random.Next(48)}}}";
                    }
                    string p = ranked ? $", priority: {priority[c]}" : "";
                    string r = reserve && keep[c] > 0 ? $", reserved_slots: {keep[c]}" : "";
                    return $"{{name: c{c}, share: {share}{p}{r}}}";
                })) + "]";
                double rate = Math.Exp(Math.Log(0.2) + random.NextDouble() * Math.Log(15)) * replicas * 26_600;
                string[] common = [$"fleet.replicas={replicas}", "router.mode=spill", $"horizon_hours={24 + random.Next(145)}",
                                   $"traffic.monthly_processed_tokens={rate * 3600 * 730:R}", $"seed={1 + random.Next(1000)}",
                                   // Now and then an API limit, which turns away part of each class's spill (dropped).
                                   .. random.NextDouble() < 0.3 ? [$"api.requests_per_minute={Math.Max(1, Math.Round(rate / 85_000 * 60 * random.NextDouble())):R}"] : Array.Empty<string>()];
                checks.Generated++;
                int state = random.Next();
                random = new Random(state); // the deferrable deadline draws repeat for each variant
                ScenarioSpec? reserved = Load(checks, [.. common, Classes(ranked: true, reserve: keep.Any(k => k > 0))]);
                random = new Random(state);
                ScenarioSpec? ranked = Load(checks, [.. common, Classes(ranked: true, reserve: false)]);
                random = new Random(state);
                ScenarioSpec? plain = Load(checks, [.. common, Classes(ranked: false, reserve: false)]);
                if (reserved is null || ranked is null || plain is null)
                {
                    continue;
                }
                checks.Ran++;
                checks.Context = $"priority scenario seed {seed}: Scenarios.Seed({string.Join(", ", common.Select(o => $"\"{o}\""))}, \"{reserved.Traffic.Classes!.Classes.Count} classes\")";
                ScenarioRun withReservation = ScenarioRun.Of(reserved, EngineChoice.Minute);
                ClassIdentities(checks, withReservation.Bill, "priority/reserved");
                var lines = withReservation.Bill.ByClass;
                for (int c = 0; c < interactive; c++)
                {
                    for (int k = 0; k < interactive; k++)
                    {
                        if (priority[c] < priority[k] && lines[c].Tokens.Demand.Value > 0 && lines[k].Tokens.Demand.Value > 0)
                        {
                            double mine = (lines[c].Tokens.Spilled.Value + lines[c].Tokens.Dropped.Value) / lines[c].Tokens.Demand.Value;
                            double theirs = (lines[k].Tokens.Spilled.Value + lines[k].Tokens.Dropped.Value) / lines[k].Tokens.Demand.Value;
                            checks.AtMost(mine, theirs, 1e-9, "priority/reserved: a more important class never spills a larger share");
                        }
                    }
                }
                ScenarioRun a = ScenarioRun.Of(ranked, EngineChoice.Minute), b = ScenarioRun.Of(plain, EngineChoice.Minute);
                checks.True(a.Bill.ByClass.SequenceEqual(b.Bill.ByClass) && a.Bill.Total == b.Bill.Total,
                            "priority/none reserved: priorities without reserved slots bill what the scenario bills without them",
                            () => $"total {a.Bill.Total} vs {b.Bill.Total}");
            }
        });
    }
}
