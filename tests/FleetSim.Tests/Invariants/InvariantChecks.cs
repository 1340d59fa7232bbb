using FleetSim.Economics;

namespace FleetSim.Tests.Invariants;

/// <summary>
/// The suite's bookkeeping: how many scenarios were drawn, rejected, skipped and run, how many checks
/// were made, and which failed. A check calls NUnit only when it fails (inside the test's
/// <c>Assert.Multiple</c>, so every failure is recorded and the run goes on); the first few failures of
/// each invariant are reported in full with the scenario that reproduces them, the rest only counted.
/// </summary>
internal sealed class InvariantChecks(string property)
{
    /// <summary>Failures of one invariant reported in full; further ones are counted.</summary>
    private const int ReportedPerInvariant = 3;

    private readonly Dictionary<string, int> _failures = [];

    public string Property { get; } = property;

    public int Generated { get; set; }

    public int Rejected { get; set; }

    /// <summary>Scenarios whose horizon carries no demand: run where the library accepts them, skipped where it refuses.</summary>
    public int ZeroDemand { get; set; }

    /// <summary>Zero-demand scenarios the library refused with an exception (allowed for now), and so skipped.</summary>
    public int ZeroDemandSkipped { get; set; }

    public int Ran { get; set; }

    public long Checks { get; private set; }

    /// <summary>Failures by invariant.</summary>
    public IReadOnlyDictionary<string, int> Failures => _failures;

    public int FailureCount => _failures.Values.Sum();

    /// <summary>The first rejections' messages, to show why the loader refused them.</summary>
    public List<string> Rejections { get; } = [];

    /// <summary>The scenario the next checks are about, named in every failure's message.</summary>
    public string Context { get; set; } = "";

    public void True(bool condition, string invariant, Func<string>? detail = null)
    {
        Checks++;
        if (!condition)
        {
            Fail(invariant, detail?.Invoke() ?? "");
        }
    }

    /// <summary><paramref name="actual"/> ≤ <paramref name="limit"/> + <paramref name="tolerance"/> (NaN fails).</summary>
    public void AtMost(double actual, double limit, double tolerance, string invariant)
    {
        Checks++;
        if (!(actual <= limit + tolerance))
        {
            Fail(invariant, $"expected ≤ {limit:R} (+{tolerance:G3}), actual {actual:R} (over by {actual - limit:G6})");
        }
    }

    /// <summary><paramref name="actual"/> ≥ <paramref name="limit"/> − <paramref name="tolerance"/> (NaN fails).</summary>
    public void AtLeast(double actual, double limit, double tolerance, string invariant)
    {
        Checks++;
        if (!(actual >= limit - tolerance))
        {
            Fail(invariant, $"expected ≥ {limit:R} (−{tolerance:G3}), actual {actual:R} (under by {limit - actual:G6})");
        }
    }

    /// <summary>|actual − expected| ≤ relative × max(|actual|, |expected|, scale) (NaN fails).</summary>
    public void Close(double actual, double expected, double relative, double scale, string invariant)
    {
        Checks++;
        double tolerance = relative * Math.Max(Math.Max(Math.Abs(actual), Math.Abs(expected)), scale) + 1e-300;
        if (!(Math.Abs(actual - expected) <= tolerance))
        {
            Fail(invariant, $"expected {expected:R} (±{tolerance:G3}), actual {actual:R} (off by {actual - expected:G6})");
        }
    }

    public void Finite(double x, string invariant) => True(double.IsFinite(x), invariant, () => $"actual {x}");

    public void Fail(string invariant, string detail)
    {
        _failures[invariant] = _failures.GetValueOrDefault(invariant) + 1;
        if (_failures[invariant] <= ReportedPerInvariant)
        {
            Assert.Fail($"[{Property}] {invariant}: {detail}\n    {Context}");
        }
    }

    /// <summary>
    /// The identities every bill keeps, whatever made it: tokens add up to demand, every $ figure is
    /// finite and ≥ 0, total = self-host + spill + unserved, savings = all-API − total, savings never
    /// pass the ceiling, the ceiling is in [0, 1), shares in [0, 1].
    /// </summary>
    public void Bill(Bill b, string what)
    {
        double demand = b.Demand.Value;
        double scale = Math.Max(b.AllApi.Value, b.Total.Value);
        Finite(demand, $"{what}: demand is finite");
        AtLeast(demand, 0, 0, $"{what}: demand ≥ 0");
        AtLeast(b.SelfHosted.Value, 0, 0, $"{what}: self-hosted tokens ≥ 0");
        AtLeast(b.Spilled.Value, 0, 0, $"{what}: spilled tokens ≥ 0");
        AtLeast(b.Dropped.Value, 0, 0, $"{what}: dropped tokens ≥ 0");
        Close(b.SelfHosted.Value + b.Spilled.Value + b.Dropped.Value, demand, 1e-9, 0, $"{what}: self-hosted + spilled + dropped = demand");
        foreach (var (name, usd) in new[] { ("all-API", b.AllApi.Value), ("self-host", b.SelfHost.Value), ("spill", b.Spill.Value), ("unserved", b.Unserved.Value) })
        {
            Finite(usd, $"{what}: {name} $ is finite");
            AtLeast(usd, 0, 0, $"{what}: {name} $ ≥ 0");
        }
        Close(b.Total.Value, b.SelfHost.Value + b.Spill.Value + b.Unserved.Value, 1e-9, scale, $"{what}: total = self-host + spill + unserved");
        Close(b.Savings.Value, b.AllApi.Value - b.Total.Value, 1e-9, scale, $"{what}: savings = all-API − total");
        Close(b.AllApiByType.Total.Value, b.AllApi.Value, 1e-9, 0, $"{what}: all-API by token type sums to all-API");
        double ceiling = b.SavingsCeilingFraction;
        True(ceiling is >= 0 and < 1, $"{what}: savings ceiling in [0, 1)", () => $"actual {ceiling:R}");
        Finite(b.SavingsFraction, $"{what}: savings fraction is finite");
        AtMost(b.SavingsFraction, ceiling, 1e-9, $"{what}: savings fraction ≤ ceiling");
        True(b.Utilization is >= 0 and <= 1, $"{what}: utilization in [0, 1]", () => $"actual {b.Utilization:R}");
        True(b.TroughUtilization is >= 0 and <= 1, $"{what}: trough utilization in [0, 1]", () => $"actual {b.TroughUtilization:R}");
        True(b.SpillShare is >= 0 and <= 1, $"{what}: spill share in [0, 1]", () => $"actual {b.SpillShare:R}");
        True(b.DropShare is >= 0 and <= 1, $"{what}: drop share in [0, 1]", () => $"actual {b.DropShare:R}");
    }

    /// <summary>One line for the suite's output.</summary>
    public string Summary()
    {
        string failures = FailureCount == 0
            ? "no failures"
            : $"{FailureCount} failures: " + string.Join("; ", _failures.Select(f => $"{f.Key} ×{f.Value}"));
        return $"{Property}: {Generated} scenarios ({Rejected} rejected by the loader, {ZeroDemand} with zero demand of which {ZeroDemandSkipped} refused and skipped, {Ran} runs), {Checks:N0} checks, {failures}";
    }
}
