using FleetSim.Engine;
using FleetSim.Engine.Requests;
using FleetSim.Fleet;
using FleetSim.Routing;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Tests.Engine.Requests;

/// <summary>
/// Issue 16: replicas with a measured throughput curve on both engines. The request engine follows
/// every request through processor-sharing replicas; the minute engine takes the birth-death form.
/// They agree within half a point of spill share on a grid of curves, loads, fleet sizes and picks,
/// and a straight curve is today's replica to the cent.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class SharedReplicaEngineTests
{
    /// <summary>The seed's TP4 replica, 26.6K tok/s at 8 in flight, with a lone request 2.5× and 3× as fast as one of a full batch.</summary>
    private static readonly string[] Curves =
    [
        "[[1, 8312], [2, 14000], [4, 21000], [8, 26600]]",
        "[[1, 9975], [2, 16000], [4, 22000], [8, 26600]]",
    ];

    private static ScenarioSpec Flat(int replicas, int curve, double load, string strategy, int seed, double requests)
    {
        double demand = load * replicas * 26_600;
        double hours = Math.Clamp(Math.Ceiling(requests / (demand / 85_000 * 3600)), 1, 24 * 30);
        return Scenarios.ConstantLoad(demand, replicas, "spill",
            $"replica.throughput_curve={Curves[curve]}", $"router.strategy={strategy}", $"horizon_hours={hours}", $"seed={seed}");
    }

    /// <summary>The minute engine's spill share on the same flat month: one minute's B.</summary>
    private static double MinuteShare(ScenarioSpec s)
    {
        DemandSeries demand = DemandBuilder.Build(s.Traffic, s.Horizon);
        var fleet = new FleetShape(FleetSizing.Replicas(s.Fleet, s.Replica, demand), s.Replica);
        MinuteRun run = MinuteEngine.Run(demand, fleet, s.Router, s.Traffic.RequestMix);
        return run.Outcome.SpillShare;
    }

    [TestCase(1, 0, 0.7, "simple-shuffle")]
    [TestCase(1, 1, 1.0, "simple-shuffle")]
    [TestCase(2, 1, 0.9, "simple-shuffle")]
    [TestCase(3, 0, 1.0, "least-busy")]
    [TestCase(6, 0, 0.9, "simple-shuffle")]
    [TestCase(6, 1, 1.1, "least-busy")]
    [TestCase(16, 1, 1.0, "simple-shuffle")]
    [TestCase(16, 0, 0.95, "least-busy")]
    [TestCase(100, 0, 1.0, "simple-shuffle")]
    [TestCase(100, 1, 1.05, "least-busy")]
    public void TheEnginesAgreeWithinHalfAPoint(int replicas, int curve, double load, string strategy)
    {
        var shares = new List<double>();
        double minute = double.NaN;
        for (int seed = 1; seed <= 4; seed++)
        {
            ScenarioSpec s = Flat(replicas, curve, load, strategy, seed, 150_000);
            minute = MinuteShare(s);
            RequestRun run = RequestRuns.Of(s);
            shares.Add(run.Spilled / run.DemandTokens);
        }
        var (mean, error) = RequestRuns.MeanAndStandardError(shares);
        TestContext.Out.WriteLine($"request engine {100 * mean:F3} % ± {100 * error:F3}, minute engine {100 * minute:F3} %");
        Assert.Multiple(() =>
        {
            Assert.That(error, Is.LessThan(0.0015), "the request engine's replications are too noisy to judge");
            Assert.That(minute, Is.EqualTo(mean).Within(0.005));
        });
    }

    /// <summary>A curve that is the straight line is no curve at all: the same bill, to the cent, on both engines.</summary>
    [TestCase(EngineChoice.Minute)]
    [TestCase(EngineChoice.Request)]
    public void AStraightCurveIsTodaysReplica(EngineChoice engine)
    {
        ScenarioSpec plain = Scenarios.Seed("horizon_hours=48", "fleet.replicas=6");
        ScenarioSpec straight = Scenarios.Seed("horizon_hours=48", "fleet.replicas=6", "replica.throughput_curve=[[2, 6650], [8, 26600]]");
        Assert.That(straight.Replica.MeasuredCurve, Is.Not.Null);
        Assert.That(straight.Replica.SharesByLoad, Is.False);
        var a = Runs.ScenarioRun.Of(plain, engine);
        var b = Runs.ScenarioRun.Of(straight, engine);
        Assert.Multiple(() =>
        {
            Assert.That(b.Bill.Total.Value, Is.EqualTo(a.Bill.Total.Value));
            Assert.That(b.Bill.Spill.Value, Is.EqualTo(a.Bill.Spill.Value));
            Assert.That(b.Bill.Utilization, Is.EqualTo(a.Bill.Utilization));
        });
    }

    /// <summary>
    /// At 3 % of the fleet's throughput a request nearly always runs alone, at R(1) = 9,975 tok/s
    /// rather than one slot's 26,600/8 = 3,325: its time in service is about a third of the slot
    /// model's, where today's model gives the same latency at every load.
    /// </summary>
    [Test]
    public void ALoneRequestRunsAtTheCurvesFirstPoint()
    {
        RequestRun slotModel = RequestRuns.Of(Scenarios.ConstantLoad(0.03 * 6 * 26_600, 6, "spill", "horizon_hours=48"));
        RequestRun curve = RequestRuns.Of(Scenarios.ConstantLoad(0.03 * 6 * 26_600, 6, "spill", "horizon_hours=48", $"replica.throughput_curve={Curves[1]}"));
        double ratio = curve.EndToEnd.P50 / slotModel.EndToEnd.P50;
        TestContext.Out.WriteLine($"P50 end to end: slots {slotModel.EndToEnd.P50:F2} s, curve {curve.EndToEnd.P50:F2} s");
        Assert.That(ratio, Is.EqualTo(3_325.0 / 9_975).Within(0.03));
    }
}
