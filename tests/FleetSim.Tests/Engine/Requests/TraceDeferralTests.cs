using FleetSim.Engine.Requests;
using FleetSim.Fleet;
using FleetSim.Scenario;
using FleetSim.Traffic;

namespace FleetSim.Tests.Engine.Requests;

/// <summary>
/// A deferrable class on the request engine end to end, every token counted by hand: a trace replayed exactly (one
/// request a minute), one replica with one slot.
/// </summary>
public class TraceDeferralTests
{
    private string _dir = "";

    [SetUp]
    public void Make() => _dir = Directory.CreateTempSubdirectory("fleetsim-trace-deferral-").FullName;

    [TearDown]
    public void Remove() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// 60 requests of 90,000 tokens, one at the start of each minute of an hour (the trace is exactly an hour long, so
    /// the replay carries it as recorded); all of them deferrable within 3 minutes; one replica of one slot at 1,000
    /// tok/s, so a request runs 90 s. Request k arrives at 60k s, due at 60k + 180.
    /// <list type="bullet">
    /// <item>k = 0 … 3 run back to back, 90k to 90k + 90, each by its deadline (request 3 ends at 360 ≤ 360): 4 × 90,000 served.</item>
    /// <item>k = 4 starts at 360 and is stopped at its deadline 420: 60,000 served, 30,000 to the batch tier. From then on
    /// request k starts at 60k + 120 and is stopped at 60k + 180: the same for k = 4 … 57 (54 requests; 57's deadline is the
    /// horizon's end, 3,600 s).</item>
    /// <item>k = 58 and 59 would start at 3,600 and 3,660: held when the horizon ends, 2 × 90,000 to the batch tier.</item>
    /// </list>
    /// Served 360,000 + 54 × 60,000 = 3.6M = the slot busy all hour; batch at deadlines 54 × 30,000 = 1.62M; at the end
    /// 180,000; no preemption (no interactive traffic).
    /// </summary>
    [Test]
    public void EveryTokenOfAnHourIsCountedByHand()
    {
        string trace = Path.Combine(_dir, "minutes.jsonl");
        File.WriteAllLines(trace, Enumerable.Range(0, 60).Select(k => $"{{\"timestamp\": {k * 60_000}, \"input_length\": 89000, \"output_length\": 1000}}"));
        string yaml = ScenarioLoader.DefaultScenarioYaml();
        int start = yaml.IndexOf("traffic:", StringComparison.Ordinal), end = yaml.IndexOf("\nreplica:", StringComparison.Ordinal);
        string path = Path.Combine(_dir, "hour.yaml");
        File.WriteAllText(path, yaml[..start] + "traffic:\n  trace: minutes.jsonl\n  classes: [{name: bulk, share: 1, deadline_hours: 0.05}]\n" + yaml[end..]);
        ScenarioSpec s = ScenarioLoader.LoadFile(path, [.. new[]
        {
            "horizon_hours=1", "fleet.replicas=1", "replica.gpus_per_node=4", "replica.max_in_flight=1",
            "replica.processed_tokens_per_second=1000", "router.mode=spill",
        }.Select(ScenarioOverride.Parse)]);
        DemandSeries demand = DemandBuilder.Build(s.Traffic, s.Horizon);
        RequestRun run = RequestEngine.Run(s, demand, new FleetShape(1, s.Replica), s.Seed);
        var bulk = run.Classes![0];
        Assert.Multiple(() =>
        {
            Assert.That(run.Deferral!.Requests, Is.EqualTo(60), "one request a minute, replayed as recorded");
            Assert.That(bulk.Demand.Value, Is.EqualTo(60 * 90_000).Within(1e-6));
            Assert.That(bulk.SelfHostedDeferred.Value, Is.EqualTo(3_600_000).Within(1e-3));
            Assert.That(bulk.BatchApi.Value, Is.EqualTo(1_620_000 + 180_000).Within(1e-3));
            Assert.That(bulk.BatchApiAtHorizonEnd.Value, Is.EqualTo(180_000).Within(1e-3));
            Assert.That(run.Deferral.Expired, Is.EqualTo(54));
            Assert.That(run.Deferral.Preemptions, Is.Zero);
            Assert.That(run.Deferral.LateTokens.Value, Is.Zero);
            Assert.That(run.Utilization, Is.EqualTo(1).Within(1e-9), "the slot busy all hour");
            Assert.That(run.Requests.Total, Is.Zero, "no interactive request");
        });
    }
}
