using FleetSim.Engine.Requests;
using System.Diagnostics;
using FleetSim.Economics;
using FleetSim.Engine;
using FleetSim.Pricing;
using FleetSim.Reporting;
using FleetSim.Runs;
using FleetSim.Runs.MonteCarlo;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Tests.Invariants;

/// <summary>
/// Issue 12, deliverable 4: random valid scenarios (<see cref="ScenarioGenerator"/>) through the verbs'
/// library entry points (run, compare, sweep, tiers), each bill checked against the identities and
/// bounds that hold whatever the scenario. Every failure names the generator seed and the overrides
/// that reproduce it (<c>Scenarios.Seed(...)</c>). The scenario counts are sized so that the whole
/// fixture runs in about a minute on two cores.
/// </summary>
[TestFixture]
[NonParallelizable]
public partial class InvariantSuite
{
    /// <summary>
    /// The suite's base seed: 12 in CI. Set FLEETSIM_INVARIANT_SEED to explore other scenarios; every
    /// failure message names the generator seed of its own scenario, which reproduces it alone.
    /// </summary>
    private static readonly int BaseSeed =
        int.TryParse(Environment.GetEnvironmentVariable("FLEETSIM_INVARIANT_SEED"), out int seed) ? seed : 12;

    private const int RunScenarios = 1_500;
    private const int CompareScenarios = 400;
    private const int MonotoneScenarios = 300;
    private const int SweepScenarios = 40;
    private const int TierScenarios = 8;

    /// <summary>Loader rejections above this share mean the generator has drifted from what the loader accepts.</summary>
    private const double MaxRejectedShare = 0.30;

    private static readonly List<InvariantChecks> Properties = [];

    [OneTimeTearDown]
    public void Summarize()
    {
        if (Properties.Count == 0)
        {
            return;
        }
        string line = Total();
        TestContext.Progress.WriteLine(line);
        Console.WriteLine(line);
        // dotnet test shows no output of passing tests, so CI prints the suite's count from this file.
        File.WriteAllText(Path.Combine(TestContext.CurrentContext.WorkDirectory, "invariants.txt"), line + Environment.NewLine);
        Properties.Clear();
    }

    private static InvariantChecks Start(string property)
    {
        var checks = new InvariantChecks(property);
        Properties.Add(checks);
        return checks;
    }

    /// <summary>
    /// Runs one property's loop inside <c>Assert.Multiple</c> (every failure recorded, the loop goes on),
    /// then prints its line and the suite's running total whatever happened, and checks that the
    /// generator mostly made input the loader accepts.
    /// </summary>
    private static void Property(InvariantChecks checks, TestDelegate loop)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            Assert.Multiple(loop);
        }
        finally
        {
            Print(checks, clock);
        }
        AssertMostlyValid(checks);
    }

    private static void Print(InvariantChecks checks, Stopwatch clock)
    {
        string line = $"{checks.Summary()} ({clock.Elapsed.TotalSeconds:F1} s)";
        TestContext.Out.WriteLine(line);
        Console.WriteLine(line);
        foreach (string rejection in checks.Rejections)
        {
            TestContext.Out.WriteLine("  rejected: " + rejection);
        }
        string total = Total();
        TestContext.Out.WriteLine(total);
        Console.WriteLine(total);
    }

    /// <summary>The suite so far: "invariants: 400 scenarios (23 rejected by the loader, ...), 12,345 checks, 0 failures".</summary>
    private static string Total()
    {
        int generated = Properties.Sum(p => p.Generated), rejected = Properties.Sum(p => p.Rejected);
        int zero = Properties.Sum(p => p.ZeroDemand), skipped = Properties.Sum(p => p.ZeroDemandSkipped);
        int ran = Properties.Sum(p => p.Ran), failures = Properties.Sum(p => p.FailureCount);
        long checks = Properties.Sum(p => p.Checks);
        return $"invariants: {generated:N0} scenarios ({rejected:N0} rejected by the loader, {zero:N0} with zero demand of which {skipped:N0} refused and skipped, {ran:N0} runs), " +
               $"{checks:N0} checks, {failures:N0} failures ({string.Join(", ", Properties.Select(p => p.Property))})";
    }

    private static void AssertMostlyValid(InvariantChecks checks)
    {
        Assert.That((double)checks.Rejected / Math.Max(1, checks.Generated), Is.AtMost(MaxRejectedShare),
            $"{checks.Property}: the loader rejected {checks.Rejected} of {checks.Generated} generated scenarios; the generator should mostly produce valid input");
    }

    /// <summary>The scenario, or null when the loader refuses it (counted, and the first few kept to show why).</summary>
    private static ScenarioSpec? Load(InvariantChecks checks, string[] overrides)
    {
        try
        {
            return Scenarios.Seed(overrides);
        }
        catch (ScenarioException e)
        {
            checks.Rejected++;
            if (checks.Rejections.Count < 5)
            {
                checks.Rejections.Add(e.Message);
            }
            return null;
        }
    }

    /// <summary>
    /// True when the horizon carries no demand (a short window of hours the daily shape leaves at
    /// zero). Zero demand may be refused with an exception for now: such a scenario is run, and counted
    /// as skipped if it throws; if it runs, its bill is checked like any other.
    /// </summary>
    private static bool ZeroDemand(InvariantChecks checks, ScenarioSpec s)
    {
        bool zero = DemandBuilder.Build(s.Traffic, s.Horizon).Total.Value <= 0;
        checks.ZeroDemand += zero ? 1 : 0;
        return zero;
    }

    /// <summary>Runs <paramref name="body"/>; an exception is a failure (valid input must run), except on zero demand, where it is a skip.</summary>
    private static void Guard(InvariantChecks checks, bool zeroDemand, string what, Action body)
    {
        try
        {
            body();
            checks.Ran++;
        }
        catch (Exception e) when (zeroDemand)
        {
            checks.ZeroDemandSkipped++;
            TestContext.Out.WriteLine($"  zero demand refused ({what}): {e.GetType().Name}: {e.Message}");
        }
        catch (Exception e) when (e is not NUnit.Framework.Internal.NUnitException and not AssertionException and not MultipleAssertException)
        {
            checks.Fail($"{what} throws on valid input", $"{e.GetType().Name}: {e.Message}\n{e.StackTrace}");
        }
    }

    /// <summary>
    /// The savings ceiling recomputed from the drawn numbers, independently of ScenarioPrices: the
    /// cheapest $/GPU-hour the scenario offers (on demand; reserved when it reserves nodes; spot when
    /// it offers spot) for a whole node, shared by the replicas on it, over what they process at full
    /// use; against the API's $/M for the mix's token shares.
    /// </summary>
    private static double IndependentCeiling(ScenarioSpec s)
    {
        var (selfHost, api) = IndependentRates(s);
        ApiPriceSpec p = s.Api.Price;
        if (s.Traffic.Classes is { } classes)
        {
            // Each class at its own API price (a deferrable one at its batch tier), saving nothing where the API is cheaper.
            double Price(TrafficClassSpec c) => api * (1 - (c.DeadlineHours is null ? 0 : c.ApiBatchDiscount ?? p.BatchDiscount));
            double all = classes.Classes.Sum(c => c.Share * Price(c));
            return all > 0 ? classes.Classes.Sum(c => c.Share * Math.Max(0, Price(c) - selfHost)) / all : 0;
        }
        return Math.Max(0, 1 - (selfHost / api));
    }

    /// <summary>The cheapest full-use self-host $/M and the API's $/M for the traffic's mix (batch share applied), from the spec's own numbers.</summary>
    private static (double SelfHost, double Api) IndependentRates(ScenarioSpec s)
    {
        double cheapest = s.Replica.GpuPrice.Value;
        if (s.Pricing.ReservedNodes > 0)
        {
            cheapest = Math.Min(cheapest, s.Pricing.ReservedUsdPerGpuHour ?? s.Replica.GpuPrice.Value);
        }
        if (s.Pricing.Spot is { } spot)
        {
            cheapest = Math.Min(cheapest, spot.UsdPerGpuHour);
        }
        int perNode = s.Replica.GpusPerNode / s.Replica.Gpus;
        double selfHost = cheapest * s.Replica.GpusPerNode / perNode / (s.Replica.Throughput.Value * 3600 / 1e6);
        RequestMix mix = s.Traffic.RequestMix;
        double output = mix.OutputTokens / mix.ProcessedTokens, input = 1 - output;
        ApiPriceSpec p = s.Api.Price;
        double api = (input * (1 - mix.CacheHitShare) * p.InputUsdPerMillion) + (input * mix.CacheHitShare * p.CachedInputUsdPerMillion) + (output * p.OutputUsdPerMillion);
        api *= 1 - (s.Traffic.BatchShare * p.BatchDiscount); // the batch share at the batch API's discount
        return (selfHost, api);
    }

    /// <summary>Requests the horizon carries, as the request engine will draw them (about).</summary>
    private static double Requests(ScenarioSpec s) =>
        DemandBuilder.Build(s.Traffic, s.Horizon).Total.Value / s.Traffic.RequestMix.ProcessedTokens;

    // ------------------------------------------------------------------------------------------------
    // 1. run

    /// <summary>
    /// <c>fleetsim run</c> on the minute engine (where the router has a minute form) and on the request
    /// engine (where the router has a request form and the horizon carries few enough requests): every
    /// bill's identities; and the fluid bill, which serves min(demand, capacity) in every minute, saves
    /// at least as much as the router's minute-engine bill for the same fleet and month and serves no
    /// more than the fleet's capacity. (The request engine is not held to the fluid bill: its requests
    /// are drawn, so its demand differs from the series', and a queue carries demand from one minute
    /// into the next.)
    /// </summary>
    [Test]
    public void RunBillsKeepTheirIdentities()
    {
        InvariantChecks checks = Start("run");
        int requestRuns = 0, classRequestRuns = 0;
        Property(checks, () =>
        {
            for (int i = 0; i < RunScenarios; i++)
            {
                GeneratedScenario g = ScenarioGenerator.Draw(BaseSeed, ScenarioUse.Run, i);
                checks.Generated++;
                checks.Context = g.Describe();
                if (Load(checks, g.Overrides()) is not { } s)
                {
                    continue;
                }
                bool zero = ZeroDemand(checks, s);
                if (g.HasMinuteForm)
                {
                    Guard(checks, zero, "run (minute engine)", () =>
                    {
                        ScenarioRun run = ScenarioRun.Of(s, EngineChoice.Minute);
                        checks.Bill(run.Bill, "run/minute");
                        checks.Bill(run.FluidBill, "run/fluid");
                        checks.Close(run.Bill.SavingsCeilingFraction, IndependentCeiling(s), 1e-9, 0, "run: ceiling = 1 − cheapest full-use $/M ÷ API $/M (recomputed)");
                        checks.Close(run.FluidBill.Demand.Value, run.Bill.Demand.Value, 1e-12, 0, "run: fluid and router bills see the same demand");
                        if (s.Traffic.Classes is null)
                        {
                            // With classes the spill router leaves idle slots the deferred work fills, so it may serve more than fluid.
                            checks.AtLeast(run.FluidBill.Savings.Value, run.Bill.Savings.Value, 1e-9 * Math.Max(1, run.Bill.AllApi.Value),
                                "run: fluid savings ≥ the router's savings (same fleet)");
                            checks.AtMost(run.Bill.SelfHosted.Value, run.FluidBill.SelfHosted.Value, 1e-9 * run.Bill.Demand.Value,
                                "run: the router serves no more than fluid");
                        }
                        else
                        {
                            ClassIdentities(checks, run.Bill, "run/minute");
                            ClassIdentities(checks, run.FluidBill, "run/fluid");
                            checks.AtMost(run.Bill.SelfHosted.Value, run.Fleet.Capacity.Value * run.Demand.Minutes * 60.0, 1e-9 * run.Bill.Demand.Value,
                                "run/classes: interactive + deferred served ≤ capacity × horizon");
                        }
                        checks.AtMost(run.FluidBill.SelfHosted.Value, run.Fleet.Capacity.Value * run.Demand.Minutes * 60.0, 1e-9 * run.Bill.Demand.Value,
                            "run: fluid serves no more than capacity × horizon");
                        checks.Close(run.Bill.SelfHost.Value, run.FluidBill.SelfHost.Value, 1e-12, 0, "run: both bills pay for the same nodes");
                        if (run.MinuteLatency is { } latency)
                        {
                            // The closed form's percentiles are ordered, and none passes the worst case with every slot busy.
                            WorstCaseLatency worst = WorstCaseLatency.Of(run.Fleet.Replica, s.Traffic.RequestMix, run.Fleet.Replica.MaxInFlight);
                            foreach (var (name, l, bound) in new[]
                                     {
                                         ("TTFT", latency.TimeToFirstToken, worst.TimeToFirstTokenSeconds),
                                         ("end to end", latency.EndToEnd, worst.EndToEndSeconds),
                                         ("TPOT", latency.TimePerOutputToken ?? new(0, 0, 0, 0), worst.TimePerOutputTokenSeconds ?? 0),
                                     })
                            {
                                checks.True(l.P50 >= 0 && l.P50 <= l.P95 * (1 + 1e-9) && l.P95 <= l.P99 * (1 + 1e-9), $"run/minute: {name} percentiles 0 ≤ P50 ≤ P95 ≤ P99", () => $"{l}");
                                checks.AtMost(l.P95, bound * (1 + 1e-6), 1e-9, $"run/minute: {name} P95 within its worst case");
                            }
                        }
                    });
                }
                if (g.HasRequestForm && Requests(s) <= ScenarioGenerator.MaxRequests)
                {
                    requestRuns++;
                    Guard(checks, zero, "run (request engine)", () =>
                    {
                        ScenarioRun run = ScenarioRun.Of(s, EngineChoice.Request);
                        checks.Bill(run.Bill, "run/request");
                        checks.Bill(run.FluidBill, "run/request's fluid bill");
                        if (run.MinuteBill is { } minute)
                        {
                            checks.Bill(minute, "run/request's minute bill");
                        }
                        var n = run.Requests!.Requests;
                        checks.True(n.SelfHosted + n.Spilled + n.Dropped == n.Total, "run/request: requests self-hosted + spilled + dropped = arrived",
                            () => $"{n}");
                        checks.Close(run.Bill.SavingsCeilingFraction, IndependentCeiling(s), 1e-9, 0, "run/request: ceiling recomputed");
                        // The ceiling's premise: a fleet serves at most its capacity over the time it is paid for.
                        checks.AtMost(run.Bill.SelfHosted.Value, run.Fleet.Capacity.Value * run.Demand.Minutes * 60.0, 1e-9 * run.Bill.Demand.Value,
                            "run/request: self-hosted tokens ≤ capacity × horizon");
                        RequestRun r = run.Requests!;
                        if (s.Traffic.Classes is not null)
                        {
                            classRequestRuns++;
                            RequestClassChecks(checks, run);
                        }
                        if (n.SelfHosted > 0)
                        {
                            // Latencies are ordered and a request's first token comes no later than its last.
                            foreach (var (name, l) in new[] { ("TTFT", r.TimeToFirstToken), ("TPOT", r.TimePerOutputToken), ("end to end", r.EndToEnd) })
                            {
                                checks.True(l.P50 >= 0 && l.P50 <= l.P95 && l.P95 <= l.P99, $"run/request: {name} percentiles 0 ≤ P50 ≤ P95 ≤ P99", () => $"{l}");
                            }
                            checks.AtMost(r.TimeToFirstToken.P50, r.EndToEnd.P99 * 1.01, 1e-9, "run/request: first token by the last");
                        }
                        checks.True((r.ApiEndToEnd is not null) == (s.Api.Latency is not null), "run/request: an API-path latency exactly when api.latency is given");
                        if (s.Slo is not null)
                        {
                            foreach (SloResult x in SloAttainment.Of(s, r))
                            {
                                // Measured: met exactly when P95 ≤ target. Unmeasured (no request took the path): met only by
                                // its worst case, else neither met nor missed.
                                checks.True(x.P95Seconds is { } p95 ? x.Met == (p95 <= x.TargetSeconds)
                                            : x.Met == (x.WorstCaseP95Seconds <= x.TargetSeconds ? true : null),
                                            $"run/request: SLO {x.Measure} met exactly when P95 ≤ target, else by its worst case", () => $"{x}");
                                // The worst case bounds each request, so a P95 over enough requests to pin it (±4 standard
                                // errors of a lognormal P95 at 2,000 samples is about 15 %) comes in under it.
                                if (x is { P95Seconds: { } measured, WorstCaseP95Seconds: { } worst } && (x.Measure.EndsWith("API path", StringComparison.Ordinal) ? n.Spilled : n.SelfHosted) >= 2_000)
                                {
                                    checks.AtMost(measured, worst * 1.15, 2e-3, $"run/request: SLO {x.Measure} P95 within its worst case");
                                }
                            }
                        }
                    });
                }
            }
            TestContext.Out.WriteLine($"  request-engine runs: {requestRuns} ({classRequestRuns} with traffic classes)");
        });
    }

    /// <summary>
    /// Traffic classes on the request engine: the bill's class identities (<see cref="ClassIdentities"/>); each deferrable
    /// class's deferred + batch API = its demand, request by request; no token served past its deadline (counted, not
    /// assumed); the deferred requests' slot-time within the fleet's (utilization ≤ 1 before clamping: self-hosted ≤
    /// capacity is checked for every request run); the classes' demand is the run's.
    /// </summary>
    private static void RequestClassChecks(InvariantChecks checks, ScenarioRun run)
    {
        ClassIdentities(checks, run.Bill, "run/request");
        RequestRun r = run.Requests!;
        double tokens = Math.Max(1, r.DemandTokens.Value);
        foreach (var t in r.Classes!.Where(c => c.Deferrable))
        {
            checks.Close(t.SelfHostedDeferred.Value + t.BatchApi.Value, t.Demand.Value, 1e-9, tokens, "run/request: deferred + batch API = deferrable demand");
        }
        checks.Close(r.Classes!.Sum(c => c.Demand.Value), r.Outcome.Demand.Value, 1e-9, tokens, "run/request: classes' demand = the run's demand");
        checks.True(r.Deferral is null == !r.Classes!.Any(c => c.Deferrable), "run/request: deferral counts exactly with a deferrable class");
        if (r.Deferral is { } d)
        {
            checks.True(d.LateTokens.Value == 0, "run/request: no deferred token served past its deadline", () => $"{d}");
            checks.True(d.Expired <= d.Requests, "run/request: deadlines reached ≤ deferrable requests", () => $"{d}");
        }
    }

    /// <summary>
    /// With traffic classes: per class, demand = on arrival + deferred + spilled + batch API + dropped, each part ≥ 0, an
    /// interactive class never deferred or batched and a deferrable one never spilled, none late; the classes add up to
    /// the bill's tokens and dollars; and the whole demand is the classes' shares of it.
    /// </summary>
    private static void ClassIdentities(InvariantChecks checks, global::FleetSim.Economics.Bill b, string what)
    {
        checks.True(b.Classes is not null, $"{what}: a bill with classes carries them");
        if (b.Classes is null)
        {
            return;
        }
        double tokens = Math.Max(1, b.Demand.Value), usd = Math.Max(1, Math.Max(b.AllApi.Value, b.Total.Value)), tol = 1e-9 * tokens;
        foreach (var l in b.ByClass)
        {
            var t = l.Tokens;
            foreach (var (name, x) in new[] { ("on arrival", t.SelfHostedOnArrival), ("deferred", t.SelfHostedDeferred), ("spilled", t.Spilled), ("batch API", t.BatchApi), ("dropped", t.Dropped) })
            {
                checks.AtLeast(x.Value, 0, 0, $"{what}: class {name} tokens ≥ 0");
            }
            checks.Close(t.SelfHostedOnArrival.Value + t.SelfHostedDeferred.Value + t.Spilled.Value + t.BatchApi.Value + t.Dropped.Value, t.Demand.Value, 1e-9, tokens,
                $"{what}: class demand = on arrival + deferred + spilled + batch API + dropped");
            checks.True(t.Deferrable ? t.SelfHostedOnArrival.Value == 0 && t.Spilled.Value == 0 && t.Dropped.Value == 0
                                     : t.SelfHostedDeferred.Value == 0 && t.BatchApi.Value == 0, $"{what}: interactive tokens never wait, deferrable ones never spill");
            checks.True(t.Late.Value == 0 && t.BatchApiAtHorizonEnd.Value <= t.BatchApi.Value + tol, $"{what}: none late; held at the end ≤ batch API");
        }
        checks.Close(b.ByClass.Sum(l => l.Tokens.Demand.Value), b.Demand.Value, 1e-9, tokens, $"{what}: classes' demand = demand");
        checks.Close(b.ByClass.Sum(l => l.Tokens.SelfHosted.Value), b.SelfHosted.Value, 1e-9, tokens, $"{what}: classes' self-hosted = self-hosted");
        checks.Close(b.ByClass.Sum(l => l.Tokens.Spilled.Value + l.Tokens.BatchApi.Value), b.Spilled.Value, 1e-9, tokens, $"{what}: classes' spilled + batch API = spilled");
        checks.Close(b.ByClass.Sum(l => l.Tokens.Dropped.Value), b.Dropped.Value, 1e-9, tokens, $"{what}: classes' dropped = dropped");
        checks.Close(b.ByClass.Sum(l => l.Total.Value), b.Total.Value, 1e-9, usd, $"{what}: classes' total $ = total");
        checks.Close(b.ByClass.Sum(l => l.AllApi.Value), b.AllApi.Value, 1e-9, usd, $"{what}: classes' all-API $ = all-API");
        checks.Close(b.ByClass.Sum(l => l.SelfHost.Value), b.SelfHost.Value, 1e-9, usd, $"{what}: classes' self-host $ = self-host");
    }

    // ------------------------------------------------------------------------------------------------
    // 2. compare

    /// <summary>
    /// <c>fleetsim compare</c>: each policy's bill keeps the identities; every savings fraction is at
    /// most the ceiling; the oracle, a lower bound on cost, costs no more than any deployable policy on
    /// the same month; and without failures, preemptions or a binding node cap, the "static" policy
    /// (the scenario's own fleet) bills exactly what <c>fleetsim run</c> does.
    /// </summary>
    [Test]
    public void CompareBillsKeepTheirIdentitiesAndTheOracleIsABound()
    {
        InvariantChecks checks = Start("compare");
        Property(checks, () =>
        {
            for (int i = 0; i < CompareScenarios; i++)
            {
                GeneratedScenario g = ScenarioGenerator.Draw(BaseSeed, ScenarioUse.Compare, i);
                checks.Generated++;
                checks.Context = g.Describe();
                if (Load(checks, g.Overrides()) is not { } s)
                {
                    continue;
                }
                Guard(checks, ZeroDemand(checks, s), "compare", () =>
                {
                    PolicyComparison c = PolicyComparison.Of(s, g.Policies);
                    checks.True(c.Runs.Count == g.Policies.Count, "compare: one result per policy asked for", () => $"{c.Runs.Count} of {g.Policies.Count}");
                    checks.True(c.SavingsCeiling is >= 0 and < 1, "compare: ceiling in [0, 1)", () => $"actual {c.SavingsCeiling:R}");
                    checks.Close(c.SavingsCeiling, IndependentCeiling(s), 1e-9, 0, "compare: ceiling recomputed");
                    foreach (PolicyResult r in c.Runs)
                    {
                        checks.Bill(r.Bill, $"compare/{Kind(r.Policy)}");
                        checks.Close(r.Bill.AllApi.Value, c.AllApi.Value, 1e-9, 0, $"compare/{Kind(r.Policy)}: all-API is the comparison's");
                        checks.Close(r.Spill.Value, r.Bill.Spill.Value + r.Bill.Unserved.Value, 1e-12, 0, $"compare/{Kind(r.Policy)}: API column = spill + unserved");
                        checks.AtMost(r.SavingsFraction, c.SavingsCeiling, 1e-9, $"compare/{Kind(r.Policy)}: savings fraction ≤ ceiling");
                        if (!r.IsBound)
                        {
                            Leases(checks, s, r);
                        }
                        if (s.Traffic.Classes is not null)
                        {
                            ClassIdentities(checks, r.Bill, $"compare/{Kind(r.Policy)}/classes");
                            PolicyClassChecks(checks, s, r);
                        }
                    }
                    if (s.Traffic.Classes is { } classes && classes.Classes.Any(k => k.Deferrable))
                    {
                        checks.True(c.Bound is null, "compare/classes: no oracle with a deferrable class");
                        bool refused = false;
                        try
                        {
                            PolicyComparison.Of(s, ["oracle"]);
                        }
                        catch (ScenarioException e) when (e.KeyPath == "traffic.classes")
                        {
                            refused = true;
                        }
                        checks.True(refused, "compare/classes: the oracle asked for is refused at traffic.classes");
                    }
                    ScenarioRun run = ScenarioRun.Of(s, EngineChoice.Minute);
                    if (s.Scaling.Failures is null && s.Pricing is not { SpotBaseFleet: true, Spot.PreemptionsPerNodeHour: > 0 } &&
                        (s.Scaling.MaxNodes is null || s.Scaling.MaxNodes >= run.Fleet.Nodes))
                    {
                        // Without failures, preemptions or a node cap, compare's "static" (the scenario's own fleet) is fleetsim run's bill.
                        PolicyResult own = PolicyComparison.Of(s, ["static"]).Runs[0];
                        checks.Close(own.Total.Value, run.Bill.Total.Value, 1e-9, run.Bill.AllApi.Value, "compare/static (the scenario's fleet): total = fleetsim run's");
                        checks.Close(own.SelfHost.Value, run.Bill.SelfHost.Value, 1e-9, run.Bill.AllApi.Value, "compare/static (the scenario's fleet): self-host $ = fleetsim run's");
                        for (int k = 0; k < run.Bill.ByClass.Count; k++)
                        {
                            var mine = own.Bill.ByClass[k];
                            var its = run.Bill.ByClass[k];
                            double scale = Math.Max(1, run.Bill.Demand.Value);
                            checks.Close(mine.Tokens.SelfHostedDeferred.Value, its.Tokens.SelfHostedDeferred.Value, 1e-9, scale, "compare/static/classes: a class's deferred tokens = fleetsim run's");
                            checks.Close(mine.Tokens.BatchApi.Value, its.Tokens.BatchApi.Value, 1e-9, scale, "compare/static/classes: a class's batch API tokens = fleetsim run's");
                            checks.Close(mine.Total.Value, its.Total.Value, 1e-9, run.Bill.AllApi.Value, "compare/static/classes: a class's total $ = fleetsim run's");
                        }
                    }
                    if (c.Bound is { } oracle)
                    {
                        foreach (PolicyResult r in c.Runs.Where(r => !r.IsBound))
                        {
                            checks.AtMost(oracle.Total.Value, r.Total.Value, (1e-6 * r.Total.Value) + 1e-9,
                                $"compare: oracle total ≤ {Kind(r.Policy)}'s total (the oracle is a lower bound)");
                        }
                    }
                });
            }
        });
    }

    /// <summary>
    /// A policy's classes: each deferrable class's deferred + batch API tokens are its demand; the deferred work served
    /// in no minute more than the capacity the interactive work left (serving(t) × R − interactive served(t)); and no
    /// class saves more than its own ceiling: a class that served S of its D tokens pays at least S × the cheapest
    /// full-use rate s of the node bill (shared by self-hosted tokens) and the API price p_c for the rest, so its
    /// savings ≤ S × (p_c − s) ≤ all-API_c × max(0, 1 − s ÷ p_c).
    /// </summary>
    private static void PolicyClassChecks(InvariantChecks checks, ScenarioSpec s, PolicyResult r)
    {
        string what = $"compare/{Kind(r.Policy)}/classes";
        double tokens = Math.Max(1, r.Bill.Demand.Value);
        foreach (var l in r.Bill.ByClass.Where(l => l.Tokens.Deferrable))
        {
            checks.Close(l.Tokens.SelfHostedDeferred.Value + l.Tokens.BatchApi.Value, l.Tokens.Demand.Value, 1e-9, tokens, $"{what}: deferred + batch API = a deferrable class's demand");
        }
        var (selfHost, api) = IndependentRates(s);
        foreach (var l in r.Bill.ByClass)
        {
            double price = api * (1 - l.BatchDiscount);
            double ceiling = Math.Max(0, 1 - (selfHost / price));
            checks.AtMost(l.Savings.Value, ceiling * l.AllApi.Value, 1e-9 * Math.Max(1, r.Bill.AllApi.Value) + 1e-6, $"{what}: a class saves no more than its own ceiling");
        }
        if (r.Run.Classes is { } minutes && !r.IsBound)
        {
            double rate = s.Replica.Throughput.Value;
            for (int m = 0; m < r.Serving.Length; m++)
            {
                double spare = Math.Max(0, (r.Serving[m] * rate) - minutes.InteractiveServed[m]);
                if (minutes.DeferredServed[m] > spare * (1 + 1e-9) + 1e-9)
                {
                    checks.True(false, $"{what}: deferred work ≤ the minute's spare capacity", () => $"minute {m}: {minutes.DeferredServed[m]:R} > {spare:R}");
                    break;
                }
            }
            checks.True(true, $"{what}: deferred work ≤ the minute's spare capacity");
        }
    }

    /// <summary>
    /// The node lifecycle's bookkeeping: no lease ends before it was asked for, the nodes leased at once
    /// never pass scaling.max_nodes, and no minute serves more replicas than the nodes leased around it hold.
    /// </summary>
    private static void Leases(InvariantChecks checks, ScenarioSpec s, PolicyResult r)
    {
        string kind = Kind(r.Policy);
        checks.True(r.Leases.All(l => l.Ended is null || l.Ended >= l.Requested), $"compare/{kind}: no lease ends before it is asked for");
        var changes = r.Leases.Select(l => (At: l.Requested, Step: 1))
            .Concat(r.Leases.Where(l => l.Ended is not null).Select(l => (At: l.Ended!.Value, Step: -1)))
            .OrderBy(e => e.At).ThenBy(e => e.Step).ToList();
        int leased = 0, most = 0;
        foreach (var (_, step) in changes)
        {
            leased += step;
            most = Math.Max(most, leased);
        }
        if (s.Scaling.MaxNodes is { } cap)
        {
            checks.True(most <= Math.Max(cap, s.Pricing.ReservedNodes), $"compare/{kind}: nodes leased at once ≤ scaling.max_nodes", () => $"{most} > {cap}");
        }
        int replicasPerNode = s.Replica.ReplicasPerNode;
        for (int m = 0; m < r.Serving.Length; m += Math.Max(1, r.Serving.Length / 500))
        {
            int around = r.Leases.Count(l => l.Requested <= m + 1 && (l.Ended ?? double.PositiveInfinity) >= m);
            checks.True(r.Serving[m] <= around * replicasPerNode, $"compare/{kind}: serving replicas ≤ those of the nodes leased",
                        () => $"minute {m}: {r.Serving[m]} serving, {around} nodes");
        }
    }

    /// <summary>A policy's name without its argument (static:7 → static), so failures group by policy.</summary>
    private static string Kind(string policy) => policy.Split(':')[0];

    // ------------------------------------------------------------------------------------------------
    // 3. monotonicity

    /// <summary>
    /// For a fixed fleet, savings never fall when the API's prices rise (every API price × 1.5) and never
    /// rise when the GPU price rises (replica.usd_per_gpu_hour × 1.5): the run verb (its fleet, floor or
    /// static, does not depend on prices), compare's static:N, and the oracle bound (the most any fleet
    /// saves in each minute, a maximum of functions that each move the right way). The ceiling moves
    /// the same way. Policies that re-optimise on prices (breakeven, schedule) are not held to this:
    /// a heuristic that re-plans at new prices may land on a worse fleet for the month that comes.
    /// </summary>
    [Test]
    public void SavingsRiseWithTheApiPriceAndFallWithTheGpuPrice()
    {
        InvariantChecks checks = Start("monotonicity");
        Property(checks, () =>
        {
            for (int i = 0; i < MonotoneScenarios; i++)
            {
                GeneratedScenario g = ScenarioGenerator.Draw(BaseSeed, ScenarioUse.Monotone, i);
                checks.Generated++;
                checks.Context = g.Describe();
                if (Load(checks, g.Overrides()) is not { } s)
                {
                    continue;
                }
                Guard(checks, ZeroDemand(checks, s), "monotonicity", () =>
                {
                    // Scaling a price keeps a valid scenario valid (every drawn price is far below the loader's cap).
                    ScenarioSpec api = Scenarios.Seed(g.Overrides(apiFactor: 1.5));
                    ScenarioSpec gpu = Scenarios.Seed(g.Overrides(gpuFactor: 1.5));
                    checks.AtLeast(Bill.CeilingFraction(new ScenarioPrices(api)), Bill.CeilingFraction(new ScenarioPrices(s)), 1e-12, "ceiling: API × 1.5 never lowers it");
                    checks.AtMost(Bill.CeilingFraction(new ScenarioPrices(gpu)), Bill.CeilingFraction(new ScenarioPrices(s)), 1e-12, "ceiling: GPU × 1.5 never raises it");

                    ScenarioRun run = ScenarioRun.Of(s, EngineChoice.Minute);
                    ScenarioRun runApi = ScenarioRun.Of(api, EngineChoice.Minute);
                    ScenarioRun runGpu = ScenarioRun.Of(gpu, EngineChoice.Minute);
                    double tolerance = 1e-9 * Math.Max(1, runApi.Bill.AllApi.Value);
                    checks.AtLeast(runApi.Bill.Savings.Value, run.Bill.Savings.Value, tolerance, "run: API × 1.5 never lowers savings");
                    checks.AtMost(runGpu.Bill.Savings.Value, run.Bill.Savings.Value, tolerance, "run: GPU × 1.5 never raises savings");
                    checks.AtLeast(runApi.FluidBill.Savings.Value, run.FluidBill.Savings.Value, tolerance, "run/fluid: API × 1.5 never lowers savings");
                    checks.AtMost(runGpu.FluidBill.Savings.Value, run.FluidBill.Savings.Value, tolerance, "run/fluid: GPU × 1.5 never raises savings");

                    PolicyComparison c = PolicyComparison.Of(s, g.Policies);
                    PolicyComparison cApi = PolicyComparison.Of(api, g.Policies);
                    PolicyComparison cGpu = PolicyComparison.Of(gpu, g.Policies);
                    foreach (string policy in g.Policies)
                    {
                        double baseSavings = c[policy].Savings.Value;
                        double t = 1e-9 * Math.Max(1, cApi.AllApi.Value);
                        checks.AtLeast(cApi[policy].Savings.Value, baseSavings, t, $"compare/{Kind(policy)}: API × 1.5 never lowers savings");
                        checks.AtMost(cGpu[policy].Savings.Value, baseSavings, t, $"compare/{Kind(policy)}: GPU × 1.5 never raises savings");
                    }
                });
            }
        });
    }

    // ------------------------------------------------------------------------------------------------
    // 4. sweep

    /// <summary>
    /// <c>fleetsim sweep</c> on a two-point grid of GPU prices, three runs each: every record keeps
    /// total = self-host + API and savings = all-API − total, saves no more than its grid point's
    /// ceiling; the same spec run again, and on two threads, gives the same records and the same
    /// runs.csv bytes; and a record is the month compare shows for that run's seed.
    /// </summary>
    [Test]
    public void SweepRecordsKeepTheirIdentitiesAndRepeatExactly()
    {
        InvariantChecks checks = Start("sweep");
        Property(checks, () =>
        {
            for (int i = 0; i < SweepScenarios; i++)
            {
                GeneratedScenario g = ScenarioGenerator.Draw(BaseSeed, ScenarioUse.Sweep, i);
                checks.Generated++;
                checks.Context = g.Describe();
                if (Load(checks, g.Overrides()) is not { } s)
                {
                    continue;
                }
                string[] overrides = g.Overrides();
                ScenarioSpec Build(IReadOnlyList<ScenarioOverride> point) =>
                    ScenarioLoader.Default([.. overrides.Select(ScenarioOverride.Parse), .. point]);
                double price = g.Replica.UsdPerGpuHour;
                string grid = $"replica.usd_per_gpu_hour={Num.F(price)},{Num.F(Num.R(price * 1.7))}";
                checks.Context = $"{g.Describe()} swept with --set {grid}";
                var spec = new SweepSpec(3, Math.Abs(g.Seed % 1000), [grid], g.Policies, 1, SweepShard.Whole);
                Guard(checks, ZeroDemand(checks, s), "sweep", () =>
                {
                    IReadOnlyList<RunRecord> one = SweepRunner.Run(spec, Build);
                    IReadOnlyList<RunRecord> again = SweepRunner.Run(spec, Build);
                    IReadOnlyList<RunRecord> two = SweepRunner.Run(spec with { Threads = 2 }, Build);
                    checks.True(one.Count == 2 * g.Policies.Count * 3, "sweep: one record per grid point × policy × run", () => $"{one.Count} records");
                    checks.True(one.SequenceEqual(again), "sweep: the same spec twice gives the same records", () => FirstDifference(one, again));
                    checks.True(one.SequenceEqual(two), "sweep: 1 and 2 threads give the same records", () => FirstDifference(one, two));
                    checks.True(Csv(one) == Csv(two), "sweep: 1 and 2 threads give the same runs.csv bytes");

                    var grids = new SweepGrid([grid]).Points;
                    double[] ceilings = [.. grids.Select(p => IndependentCeiling(Build(p.Overrides)))];
                    // Each grid point's max in flight: as the generator configured it, and lowered only by an slo,
                    // to the most whose worst case meets it (one more does not).
                    ScenarioSpec[] points = [.. grids.Select(p => Build(p.Overrides))];
                    foreach (RunRecord r in one)
                    {
                        ScenarioSpec at = points[r.GridIndex];
                        // replica.max_in_flight as given: the scenario's, or with an slo, the scenario's when the slo may not cap it.
                        int given = at.SloInFlight is null ? at.Replica.MaxInFlight
                            : Build([.. grids[r.GridIndex].Overrides, new ScenarioOverride("slo.cap_in_flight", "false")]).Replica.MaxInFlight;
                        checks.True(r.MaxInFlightConfigured == given, "sweep: max_in_flight_configured is the scenario's replica.max_in_flight",
                                    () => $"{r.MaxInFlightConfigured} against {given}");
                        checks.True(r.MaxInFlight == at.Replica.MaxInFlight && r.MaxInFlight <= r.MaxInFlightConfigured,
                                    "sweep: max_in_flight is what the grid point's replicas run, at most as configured", () => $"{r.MaxInFlight} against {at.Replica.MaxInFlight}, configured {r.MaxInFlightConfigured}");
                        if (r.MaxInFlight < r.MaxInFlightConfigured && at.SloInFlight is null)
                        {
                            checks.True(false, "sweep: only an slo lowers the max in flight", () => $"{r}");
                        }
                        else if (r.MaxInFlight < r.MaxInFlightConfigured && at.SloInFlight is { } lowered)
                        {
                            // The replica as configured (the slo left uncapped), judged n by n: n meets the slo, n + 1 does not.
                            ScenarioSpec uncapped = Build([.. grids[r.GridIndex].Overrides, new ScenarioOverride("slo.cap_in_flight", "false")]);
                            RequestMix mix = uncapped.Traffic.RequestMix;
                            int n = r.MaxInFlight!.Value;
                            checks.True(uncapped.Replica.MaxInFlight == r.MaxInFlightConfigured, "sweep: without cap_in_flight the replica keeps its max in flight",
                                        () => $"{uncapped.Replica.MaxInFlight} against {r.MaxInFlightConfigured}");
                            checks.True(SloInFlight.Meets(WorstCaseLatency.Of(uncapped.Replica, mix, n), lowered.Slo)
                                        && !SloInFlight.Meets(WorstCaseLatency.Of(uncapped.Replica, mix, n + 1), lowered.Slo),
                                        "sweep: an slo lowers the max in flight to the most whose worst case meets it (one more does not)", () => $"{r}; {lowered}");
                        }
                    }
                    foreach (RunRecord r in one)
                    {
                        string what = $"sweep/{Kind(r.Policy)}";
                        double scale = Math.Max(r.AllApiUsd, r.TotalUsd);
                        foreach (var (name, usd) in new[] { ("all-API", r.AllApiUsd), ("self-host", r.SelfHostUsd), ("API", r.ApiUsd), ("total", r.TotalUsd) })
                        {
                            checks.True(double.IsFinite(usd) && usd >= 0, $"{what}: {name} $ finite and ≥ 0", () => $"actual {usd:R} in {r}");
                        }
                        // runs.csv keeps dollars in whole cents and shares to 6 decimals, and adds up to the cent.
                        foreach (var (name, usd) in new[] { ("all-API", r.AllApiUsd), ("self-host", r.SelfHostUsd), ("API", r.ApiUsd), ("total", r.TotalUsd), ("savings", r.SavingsUsd) })
                        {
                            checks.True(Math.Abs(usd * 100 - Math.Round(usd * 100)) <= 1e-6 * Math.Max(1, Math.Abs(usd)), $"{what}: {name} $ in whole cents", () => $"actual {usd:R} in {r}");
                        }
                        checks.True(Math.Abs(r.TotalUsd - (r.SelfHostUsd + r.ApiUsd)) <= 0.0051, $"{what}: total = self-host + API to the cent", () => $"{r}");
                        checks.Close(r.SavingsUsd, r.AllApiUsd - r.TotalUsd, 1e-12, scale, $"{what}: savings = all-API − total");
                        // (Not the converse: an all-API bill under half a cent rounds to $0 and still has a share.)
                        checks.True(r.SavingsFraction.HasValue || r.AllApiUsd == 0, $"{what}: no savings share only when there is no API bill", () => $"{r}");
                        if (r.SavingsFraction is { } share)
                        {
                            checks.AtMost(share, ceilings[r.GridIndex], 5.1e-7, $"{what}: savings fraction ≤ the grid point's ceiling");
                            checks.True(Math.Abs(share * 1e6 - Math.Round(share * 1e6)) <= 1e-6, $"{what}: savings share to 6 decimals", () => $"{share:R}");
                        }
                        checks.True(r.SpillShare is >= 0 and <= 1 && r.Utilization is >= 0 and <= 1, $"{what}: shares in [0, 1]", () => $"{r}");
                        // The batch tier is part of the API's bill, and takes only deferrable tokens.
                        double deferrableShare = s.Traffic.Classes?.Classes.Where(k => k.Deferrable).Sum(k => k.Share) ?? 0;
                        checks.True(r.BatchApiUsd >= 0 && r.BatchApiUsd <= r.ApiUsd + 0.011, $"{what}: 0 ≤ batch API $ ≤ API $", () => $"{r}");
                        checks.AtMost(r.BatchApiTokens, deferrableShare * r.DemandTokens, 1e-9 * Math.Max(1, r.DemandTokens), $"{what}: batch API tokens ≤ the deferrable share of demand");
                    }

                    // Run 0 of the first grid point is the month compare shows at that run's seed.
                    ScenarioSpec first = Build([.. grids[0].Overrides, new ScenarioOverride("seed", spec.RunSeed(0).ToString(System.Globalization.CultureInfo.InvariantCulture))]);
                    // (By position: compare names a policy as it ran, "predictive (Holt-Winters)"; the sweep as asked, "predictive".)
                    PolicyComparison c = PolicyComparison.Of(first, g.Policies);
                    foreach (RunRecord r in one.Where(r => r.GridIndex == 0 && r.Run == 0))
                    {
                        PolicyResult same = c.Runs[g.Policies.ToList().IndexOf(r.Policy)];
                        checks.True(Math.Abs(r.TotalUsd - same.Total.Value) <= 0.0101 + 1e-9 * r.AllApiUsd, $"sweep/{Kind(r.Policy)}: run 0's total is compare's at seed {spec.RunSeed(0)}, to the cent",
                                    () => $"{r.TotalUsd:R} against {same.Total.Value:R}");
                        checks.Close(r.DemandTokens, same.Bill.Demand.Value, 1e-9, 0, $"sweep/{Kind(r.Policy)}: run 0's demand is compare's at seed {spec.RunSeed(0)}");
                        checks.Close(r.BatchApiTokens, same.Bill.BatchApiTokens.Value, 1e-9, 1, $"sweep/{Kind(r.Policy)}: run 0's batch API tokens are compare's at seed {spec.RunSeed(0)}");
                    }
                });
            }
        });
    }

    private static string Csv(IEnumerable<RunRecord> records)
    {
        var w = new StringWriter();
        SweepCsv.WriteRuns(records, w);
        return w.ToString();
    }

    private static string FirstDifference(IReadOnlyList<RunRecord> a, IReadOnlyList<RunRecord> b)
    {
        if (a.Count != b.Count)
        {
            return $"{a.Count} records against {b.Count}";
        }
        int i = Enumerable.Range(0, a.Count).First(k => a[k] != b[k]);
        return $"record {i}: {a[i]} against {b[i]}";
    }

    // ------------------------------------------------------------------------------------------------
    // 5. tiers

    /// <summary>
    /// <c>fleetsim tiers</c> at two spend levels: each cell saves no larger a share than the ceiling at
    /// its row's prices (the aggressive column's own, faster replica); without noise or growth (a
    /// month's all-API bill is then exactly the tier's spend, whatever the scenario's horizon: tiers are
    /// monthly) each cell's $ are its fraction of the monthly spend, and the managed figures no more than
    /// the ceiling at the managed price range's low end allows over a year; and the verdict picks the
    /// option with the largest midpoint among the API ($0), managed endpoints and bare GPUs (a tie to
    /// the API, then managed), with that option's net range.
    /// </summary>
    [Test]
    public void TiersCellsStayUnderTheCeilingAndTheVerdictPicksTheLargestMidpoint()
    {
        InvariantChecks checks = Start("tiers");
        Property(checks, () =>
        {
            for (int i = 0; i < TierScenarios; i++)
            {
                GeneratedScenario g = ScenarioGenerator.Draw(BaseSeed, ScenarioUse.Tiers, i);
                checks.Generated++;
                checks.Context = $"{g.Describe()} with TierAnalysis.Run(s, [{string.Join(", ", g.Spends.Select(Num.F))}])";
                if (Load(checks, g.Overrides()) is not { } s)
                {
                    continue;
                }
                Guard(checks, ZeroDemand(checks, s), "tiers", () =>
                {
                    IReadOnlyList<TierRow> rows = TierAnalysis.Run(s, g.Spends);
                    checks.True(rows.Count == g.Spends.Count, "tiers: one row per spend level");
                    TiersSpec t = s.Tiers;
                    bool steady = !s.Traffic.Noise.IsRandom && s.Traffic.Noise.GrowthPerMonth == 0;
                    foreach (TierRow row in rows)
                    {
                        ScenarioSpec scaled = TierAnalysis.ScaleTo(s, row.MonthlySpend);
                        double ceiling = IndependentCeiling(scaled);
                        ScenarioSpec aggressive = scaled with { Replica = scaled.Replica with { Throughput = scaled.Replica.Throughput * t.ThroughputFactor } };
                        double aggressiveCeiling = IndependentCeiling(aggressive);
                        string at = $"tiers at ${row.MonthlySpend:N0}/month";
                        foreach (var (name, cell, limit) in new[] { ("floor", row.Floor, ceiling), ("best", row.Best, ceiling), ("aggressive", row.Aggressive, aggressiveCeiling) })
                        {
                            if (cell.SavingsFraction is { } fraction)
                            {
                                checks.AtMost(fraction, limit, 1e-9, $"{at}: {name} cell's savings fraction ≤ ceiling");
                            }
                            if (steady && cell.MonthlySavings is { } monthly && cell.SavingsFraction is { } f)
                            {
                                // Without noise or growth a month's all-API bill is the tier's spend, so the $ follow from the fraction.
                                checks.Close(monthly, f * row.MonthlySpend, 1e-6, row.MonthlySpend * 1e-3, $"{at}: {name} cell's monthly savings = its fraction × the monthly spend");
                                checks.AtMost(monthly, limit * row.MonthlySpend, 1e-9 * row.MonthlySpend, $"{at}: {name} cell's monthly savings ≤ ceiling × monthly spend");
                            }
                        }
                        if (steady)
                        {
                            // Managed endpoints are someone else's rental: every node at the managed price, no reserved or spot nodes.
                            double managedCeiling = Bill.CeilingFraction(new ScenarioPrices(scaled with
                            {
                                Replica = scaled.Replica with { GpuPrice = new Units.UsdPerGpuHour(t.ManagedUsdPerGpuHour.Low) },
                                Pricing = scaled.Pricing with { ReservedNodes = 0, ReservedUsdPerGpuHour = null, Spot = null, SpotBaseFleet = false },
                            }));
                            checks.AtMost(row.ManagedAnnualHigh, 12 * managedCeiling * row.MonthlySpend, 1e-9 * row.MonthlySpend,
                                $"{at}: managed yearly savings ≤ 12 × the ceiling at the managed low price × monthly spend");
                        }
                        checks.True(row.ManagedAnnualLow >= 0 && row.ManagedAnnualHigh >= 0, $"{at}: managed yearly savings ≥ 0 (a provider you would not use saves $0)",
                            () => $"actual {row.ManagedAnnualLow:R} to {row.ManagedAnnualHigh:R}");

                        double managed = (row.ManagedAnnualLow + row.ManagedAnnualHigh) / 2, bare = (row.BareNetAnnualLow + row.BareNetAnnualHigh) / 2;
                        string expected = Math.Max(managed, bare) <= 0 ? "API" : managed >= bare ? "managed" : "bare GPUs";
                        checks.True(row.Cheaper == expected, $"{at}: the verdict is the largest midpoint",
                            () => $"midpoints API 0, managed {managed:R}, bare {bare:R}: expected {expected}, actual {row.Cheaper} ({row.Verdict})");
                        (double low, double high) = expected switch
                        {
                            "API" => (0.0, 0.0),
                            "managed" => (row.ManagedAnnualLow, row.ManagedAnnualHigh),
                            _ => (row.BareNetAnnualLow, row.BareNetAnnualHigh),
                        };
                        checks.True(row.NetAnnualLow == low && row.NetAnnualHigh == high, $"{at}: the verdict's net range is its option's",
                            () => $"expected {low:R} to {high:R}, actual {row.NetAnnualLow:R} to {row.NetAnnualHigh:R}");
                    }
                });
            }
        });
    }
}
