using FleetSim.Engine;
using FleetSim.Runs;
using FleetSim.Scenario;

namespace FleetSim.Tests.Scaling;

/// <summary>Issue 4's claims about autoscaling policies on the seed's traffic.</summary>
public class PolicyComparisonTests
{
    private static readonly string[] AllPolicies = ["floor", "breakeven", "schedule", "reactive", "predictive", "oracle"];

    private static PolicyComparison Compare(string[] policies, params string[] sets) =>
        PolicyComparison.Of(Scenarios.Seed(sets), policies);

    private static readonly Lazy<PolicyComparison> Default = new(() => Compare(AllPolicies));

    [Test]
    public void OracleSavesTheMostAndNoMoreThanTheCeiling()
    {
        PolicyComparison c = Default.Value;
        PolicyResult oracle = c["oracle"];
        Assert.Multiple(() =>
        {
            foreach (PolicyResult run in c.Runs)
            {
                Assert.That(oracle.SavingsFraction, Is.GreaterThanOrEqualTo(run.SavingsFraction - 1e-12), run.Policy);
            }
            Assert.That(oracle.SavingsFraction, Is.LessThanOrEqualTo(c.SavingsCeiling));
        });
    }

    [Test]
    public void BreakevenAndScheduleBeatTheFloor()
    {
        PolicyComparison c = Default.Value;
        Assert.Multiple(() =>
        {
            Assert.That(c["breakeven"].SavingsFraction, Is.GreaterThanOrEqualTo(c["floor"].SavingsFraction));
            Assert.That(c["schedule"].SavingsFraction, Is.GreaterThanOrEqualTo(c["floor"].SavingsFraction));
            Assert.That(c["floor"].Total.Value, Is.EqualTo(ScenarioRun.Of(Scenarios.Seed()).Bill.Total.Value).Within(1e-6).Percent,
                "the floor policy is fleetsim run's bill");
        });
    }

    [Test]
    public void ReactiveWithNoDelayAndItsBestTargetComesWithinTwoPointsOfTheOracle()
    {
        // On the router's offered load: a busy share cannot pass 1, so these targets belong to offered_load.
        string[] instant = ["scaling.provisioning_minutes=0", "pricing.billing=per-minute", "pricing.minimum_charge_minutes=0", "scaling.reactive.metric=offered_load"];
        double oracle = Compare(["oracle"], instant)["oracle"].SavingsFraction;
        double best = double.MinValue;
        foreach (double target in new[] { 0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5 })
        {
            PolicyResult run = Compare(["reactive"], [.. instant, $"scaling.reactive.target_utilization={target}"])["reactive"];
            best = Math.Max(best, run.SavingsFraction);
        }
        Assert.That(best, Is.GreaterThanOrEqualTo(oracle - 0.02).And.LessThanOrEqualTo(oracle + 1e-12));
    }

    [Test]
    public void LongerProvisioningNeverRaisesReactiveSavings()
    {
        double previous = double.MaxValue;
        foreach (int delay in new[] { 0, 5, 15, 30, 60 })
        {
            double savings = Compare(["reactive"], $"scaling.provisioning_minutes={delay}", "scaling.reactive.metric=offered_load",
                                     "scaling.reactive.target_utilization=1.3")["reactive"].SavingsFraction;
            Assert.That(savings, Is.LessThanOrEqualTo(previous + 1e-12), $"{delay} minutes");
            previous = savings;
        }
    }

    [Test]
    public void HourlyBillingNeverBeatsPerMinuteBilling()
    {
        PolicyComparison perMinute = Compare(AllPolicies, "pricing.billing=per-minute", "pricing.minimum_charge_minutes=0");
        PolicyComparison hourly = Compare(AllPolicies, "pricing.billing=per-hour");
        Assert.Multiple(() =>
        {
            foreach (string policy in AllPolicies)
            {
                Assert.That(hourly[policy].SavingsFraction, Is.LessThanOrEqualTo(perMinute[policy].SavingsFraction + 1e-12), policy);
            }
        });
    }

    [Test]
    public void ANodeCapAtTheFloorMakesEveryPolicyTheFloor()
    {
        PolicyComparison c = Compare(AllPolicies, "scaling.max_nodes=2");
        double floor = c["floor"].Total.Value;
        Assert.Multiple(() =>
        {
            foreach (PolicyResult run in c.Runs.Where(r => !r.IsBound))
            {
                Assert.That(run.Total.Value, Is.EqualTo(floor).Within(1e-6).Percent, run.Policy);
            }
            Assert.That(c.Bound!.Total.Value, Is.LessThanOrEqualTo(floor), "the oracle, capped too, is a bound below them");
            Assert.That(c.Bound.Serving.Max(), Is.LessThanOrEqualTo(2 * 2), "the oracle keeps to the cap of 2 nodes");
            Assert.That(c["breakeven"].DeniedNodes, Is.GreaterThan(0), "the cap refused nodes");
        });
    }

    [Test]
    public void EveryPolicyConservesTokensAndNeverBillsNegative()
    {
        PolicyComparison c = Compare(AllPolicies, "scaling.failures={mtbf_hours: 200, mttr_hours: 4}", "pricing.reserved_nodes=1",
                                     "pricing.reserved_usd_per_gpu_hour=4.5");
        Assert.Multiple(() =>
        {
            foreach (PolicyResult run in c.Runs)
            {
                double error = Math.Abs((run.SelfHosted + run.Spilled).Value - run.Demand.Total.Value) / run.Demand.Total.Value;
                Assert.That(error, Is.LessThan(1e-9), run.Policy);
                Assert.That(run.SelfHosted.Value, Is.GreaterThanOrEqualTo(0), run.Policy);
                Assert.That(run.Spilled.Value, Is.GreaterThanOrEqualTo(-1e-6 * run.Demand.Total.Value), run.Policy);
                Assert.That(run.SelfHost.Value, Is.GreaterThan(0), run.Policy);
                Assert.That(run.Total.Value, Is.GreaterThanOrEqualTo(c.Bound!.Total.Value), run.Policy + " costs no less than the oracle's bound");
                Assert.That(run.Utilization, Is.InRange(0.0, 1.0), run.Policy);
                Assert.That(run.Failures, run.IsBound ? Is.EqualTo(0) : Is.GreaterThan(0), run.Policy);
                Assert.That(run.Serving, Has.All.GreaterThanOrEqualTo(0), run.Policy);
            }
        });
    }

    [Test]
    public void SameSeedSameRunWithFailures()
    {
        string[] sets = ["scaling.failures={mtbf_hours: 100, mttr_hours: 2}", "seed=7"];
        PolicyResult a = Compare(["reactive"], sets)["reactive"];
        PolicyResult b = Compare(["reactive"], sets)["reactive"];
        PolicyResult c = Compare(["reactive"], [sets[0], "seed=8"])["reactive"];
        Assert.Multiple(() =>
        {
            Assert.That(b.Total, Is.EqualTo(a.Total));
            Assert.That(b.Failures, Is.EqualTo(a.Failures));
            Assert.That(c.Failures == a.Failures && c.Total == a.Total, Is.False, "another seed, another month");
        });
    }

    [Test]
    public void FailuresCostCapacity()
    {
        double healthy = Compare(["floor"])["floor"].SpillShare;
        double failing = Compare(["floor"], "scaling.failures={mtbf_hours: 50, mttr_hours: 10}")["floor"].SpillShare;
        Assert.That(failing, Is.GreaterThan(healthy));
    }

    [Test]
    public void SpotNodesArePreemptedAndCheaper()
    {
        PolicyResult onDemand = Compare(["schedule"])["schedule"];
        PolicyResult spot = Compare(["schedule"], "pricing.spot={usd_per_gpu_hour: 3, preemptions_per_node_hour: 0.05}")["schedule"];
        Assert.Multiple(() =>
        {
            Assert.That(spot.Preemptions, Is.GreaterThan(0));
            Assert.That(spot.SelfHost.Value, Is.LessThan(onDemand.SelfHost.Value));
        });
    }

    [Test]
    public void CompareRefusesARouterWithNoMinuteForm()
    {
        Assert.That(() => Compare(["floor"], "router.mode=cooldown"), Throws.TypeOf<NoMinuteFormException>());
    }
}
