using FleetSim.Engine.Requests;
using FleetSim.Scenario;

namespace FleetSim.Tests.Engine.Requests;

/// <summary>
/// spill on a fleet of 1,000 replicas (8,000 slots), where the router keeps its set of replicas
/// with a free slot instead of looking at each: a request spills only when every slot in the fleet
/// is busy, so the spilled share is Erlang B for the pooled slots whichever replica each request
/// took, under simple-shuffle and least-busy alike. A replica not put back when its slot frees
/// would spill requests that had a slot to go to, and show as a share above B.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class SpillAtScaleTests
{
    /// <summary>Erlang B by its recursion B(0) = 1, B(k) = A·B(k−1)/(k + A·B(k−1)), written out here.</summary>
    private static double ErlangBOf(int slots, double erlangs)
    {
        double b = 1;
        for (int k = 1; k <= slots; k++)
        {
            b = erlangs * b / (k + erlangs * b);
        }
        return b;
    }

    [TestCase("simple-shuffle")]
    [TestCase("least-busy")]
    public void SpilledShareOfAThousandReplicasIsErlangB(string strategy)
    {
        const int replicas = 1_000, maxInFlight = 8, slots = replicas * maxInFlight, replications = 4;
        const double erlangs = 8_400; // ρ = 1.05: B ≈ 1 − 1/ρ, about 5 %
        double expected = ErlangBOf(slots, erlangs);
        var shares = new List<double>();
        for (int seed = 1; seed <= replications; seed++)
        {
            ScenarioSpec s = Scenarios.ConstantLoad(RequestRuns.TokensPerSecondFor(erlangs, maxInFlight), replicas, "spill",
                ["horizon_hours=1", $"seed={seed}", $"router.strategy={strategy}", "traffic.request_mix.size_distribution=exponential"]);
            RequestRun run = RequestRuns.Of(s);
            Assert.That(run.Fleet.Slots, Is.EqualTo(slots));
            shares.Add(run.SpilledRequestShare);
        }
        (double mean, double se) = RequestRuns.MeanAndStandardError(shares);
        // The fleet starts empty and spills nothing until it first fills: with exponential service of
        // mean S = 25.6 s its occupancy is A(1 − e^(−t/S)) until then, which reaches N at
        // t = S·ln(A/(A − N)) = 78 s; allow that and two more service times to settle, unblocked.
        const double service = 25.6;
        double fill = service * Math.Log(erlangs / (erlangs - slots));
        double startUp = (fill + 2 * service) / 3600 * expected;
        TestContext.Out.WriteLine($"{strategy}: B(8000, 8400) = {expected:F5}, spilled share {mean:F5} ± {se:F5}");
        Assert.Multiple(() =>
        {
            Assert.That(expected, Is.EqualTo(1 - 1 / 1.05).Within(0.01));
            Assert.That(mean, Is.InRange(expected - startUp - 3 * se, expected + 3 * se));
            Assert.That(se, Is.LessThan(0.05 * expected));
        });
    }
}
