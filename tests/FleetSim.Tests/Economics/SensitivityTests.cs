using FleetSim.Reporting.Charts;
using FleetSim.Runs;

namespace FleetSim.Tests.Economics;

/// <summary>
/// Issue 16, deliver 6: the planned fleet's bill when a figure is off, checked by hand on the fluid
/// router, where a saturated fleet serves exactly N·R·f tok/s.
/// </summary>
public class SensitivityTests
{
    // 4 TP4 replicas, each on its own 4-GPU node at $7/GPU-hour, under a flat 200K tok/s for 24 h:
    // the fleet (4 × 26.6K = 106.4K tok/s) is saturated at every throughput tried (up to ×1.2 = 127.7K).
    private const double Demand = 200_000, FleetRate = 4 * 26_600, Seconds = 24 * 3600, ApiPerToken = 0.317e-6;
    private const double FleetCost = 4 * 4 * 7.0 * 24;

    private static Sensitivity Run() =>
        Sensitivity.Of(ScenarioRun.Of(Scenarios.ConstantLoad(Demand, 4, "fluid", "horizon_hours=24", "replica.usd_per_gpu_hour=7"), expectedMonth: true), expectedMonth: true);

    /// <summary>Savings = self-hosted tokens × API price − the fleet: N·R·f·T·p − cost.</summary>
    private static double Savings(double throughput = 1, double gpuPrice = 1, double apiPrice = 1) =>
        FleetRate * throughput * Seconds * ApiPerToken * apiPrice - FleetCost * gpuPrice;

    [Test]
    public void EachCaseIsThePlannedFleetInADifferentWorld()
    {
        Sensitivity s = Run();
        double Case(string factor, double change) =>
            s.Factors.Single(f => f.Name == factor).Cases.Single(c => Math.Abs(c.Change - change) < 1e-12).Bill.Savings.Value;
        Assert.Multiple(() =>
        {
            Assert.That(s.Nominal.Bill.Savings.Value, Is.EqualTo(Savings()).Within(1e-6));
            Assert.That(Case("replica throughput", 0.8), Is.EqualTo(Savings(throughput: 0.8)).Within(1e-6));
            Assert.That(Case("replica throughput", 0.9), Is.EqualTo(Savings(throughput: 0.9)).Within(1e-6));
            Assert.That(Case("replica throughput", 1.2), Is.EqualTo(Savings(throughput: 1.2)).Within(1e-6));
            // A saturated fleet saves the same whatever the demand above it: the API takes the difference.
            Assert.That(Case("demand", 1.2), Is.EqualTo(Savings()).Within(1e-6));
            Assert.That(Case("GPU price", 1.2), Is.EqualTo(Savings(gpuPrice: 1.2)).Within(1e-6));
            Assert.That(Case("API price", 0.8), Is.EqualTo(Savings(apiPrice: 0.8)).Within(1e-6));
            // The fleet is the planned one in every case: same nodes.
            double[] fleetCosts = [.. s.Factors.SelectMany(f => f.Cases).Select(c => Math.Round(c.Bill.SelfHost.Value / FleetCost, 12))];
            Assert.That(fleetCosts, Has.All.AnyOf(0.8, 1.0, 1.2));
        });
    }

    [Test]
    public void TheWidestSwingComesFirstAndTheVerdictTurnsWhereSavingsChangeSign()
    {
        Sensitivity s = Run();
        Assert.Multiple(() =>
        {
            Assert.That(s.Factors.Select(f => f.Swing), Is.Ordered.Descending);
            // Planned savings are N·R·T·p − cost = $2,914.2 − $2,688 = $226 > 0; with 20 % less throughput
            // 0.8 × $2,914.2 − $2,688 = −$357: the verdict turns.
            Assert.That(Savings(), Is.GreaterThan(0));
            Assert.That(Savings(throughput: 0.8), Is.LessThan(0));
            Assert.That(s.VerdictHolds, Is.False);
        });
    }

    [Test]
    public void TheTornadoDraws()
    {
        byte[] png = TornadoChart.Draw(Run()).GetImageBytes(ChartStyle.Width, ChartStyle.Height, ScottPlot.ImageFormat.Png);
        Assert.That(png, Has.Length.GreaterThan(10_000));
    }
}
