using FleetSim.Economics;
using FleetSim.Scenario;

namespace FleetSim.Tests.Economics;

/// <summary>Issue 12: the tiers verdict is the cheapest of the API, managed endpoints and bare GPUs with their team, on hand-computed numbers.</summary>
public class TierVerdictTests
{
    private static readonly TeamSpec Team = TeamSpec.Default; // $300K–$500K a year, no GPU expertise

    private static TierVerdict Of(double managedLow, double managedHigh, double bareLow, double bareHigh, int engineers = 1, TeamSpec? team = null, double spend = 185e3) =>
        TierVerdict.Of(new TierAlternatives(spend, managedLow, managedHigh, engineers, bareLow, bareHigh), team ?? Team);

    [Test]
    public void BareGpusWinWhenTheirMidpointIsLargest()
    {
        // managed mid (111K + 177K) / 2 = 144K; bare mid (300K + 700K) / 2 = 500K; lead 356K > 1 × (500K − 300K) spread;
        // before salaries 500K + 400K = 900K < 4 × 500K: hire.
        TierVerdict v = Of(111e3, 177e3, 300e3, 700e3);
        Assert.Multiple(() =>
        {
            Assert.That(v.Option, Is.EqualTo(TierOption.BareGpus));
            Assert.That(v.OptionName, Is.EqualTo("bare GPUs"));
            Assert.That(v.Label, Is.EqualTo("bare GPUs: hire and self-host"));
            Assert.That((v.NetAnnualLow, v.NetAnnualHigh), Is.EqualTo((300e3, 700e3)));
            Assert.That(v.Why, Does.Contain("bare GPUs net $300K to $700K/yr after salaries"));
            Assert.That(v.Why, Does.Contain("midpoints: API $0, managed $144K, bare GPUs $500K after 1 engineer at $300K–$500K"));
            Assert.That(v.Why, Does.Contain("they lead managed by $356K, more than the team's $200K salary spread"));
        });
    }

    [Test]
    public void WhenEveryOptionLosesTheApiWinsWithNothingNet()
    {
        TierVerdict v = Of(-10e3, -5e3, -400e3, -200e3);
        Assert.Multiple(() =>
        {
            Assert.That(v.Option, Is.EqualTo(TierOption.Api));
            Assert.That(v.Label, Is.EqualTo("stay on the API"));
            Assert.That((v.NetAnnualLow, v.NetAnnualHigh), Is.EqualTo((0.0, 0.0)));
            Assert.That(v.Why, Does.Contain("midpoints: API $0, managed -$7.5K, bare GPUs -$300K"));
        });
    }

    [Test]
    public void ManagedWinsWhenItBeatsBareGpusAfterTheirTeam()
    {
        // The $100K tier of issue 12: managed mid 144K against bare mid (−96K + 184K) / 2 = 44K.
        TierVerdict v = Of(111e3, 177e3, -96e3, 184e3, spend: 100e3);
        Assert.Multiple(() =>
        {
            Assert.That(v.Option, Is.EqualTo(TierOption.Managed));
            Assert.That(v.Label, Is.EqualTo("managed endpoints"));
            Assert.That((v.NetAnnualLow, v.NetAnnualHigh), Is.EqualTo((111e3, 177e3)));
            Assert.That(v.Why, Does.Contain("managed endpoints save $111K to $177K/yr with no team"));
            Assert.That(v.Why, Does.Contain("the seed's headcount rule at $1.2M/yr of API spend: hire"));
        });
    }

    [Test]
    public void BareGpusLeadingByLessThanTheSalarySpreadNeedGpuExpertise()
    {
        // The $185K tier of issue 12: managed mid (268K + 395K) / 2 = 331.5K, bare mid (328K + 679K) / 2 = 503.5K;
        // lead 172K < 1 × $200K salary spread.
        TierVerdict plain = Of(268e3, 395e3, 328e3, 679e3);
        TierVerdict expert = Of(268e3, 395e3, 328e3, 679e3, team: Team with { HasGpuExpertise = true });
        Assert.Multiple(() =>
        {
            Assert.That(plain.Option, Is.EqualTo(TierOption.BareGpus));
            Assert.That(plain.Label, Is.EqualTo("bare GPUs, only with existing GPU expertise"));
            Assert.That(plain.Why, Does.Contain("they lead managed by $172K, less than the team's $200K salary spread"));
            Assert.That(expert.Option, Is.EqualTo(TierOption.BareGpus));
            Assert.That(expert.Label, Is.EqualTo("bare GPUs with the GPU expertise you have"));
            Assert.That((plain.NetAnnualLow, plain.NetAnnualHigh), Is.EqualTo((328e3, 679e3)));
        });
    }

    [Test]
    public void BareGpusSavingOverFourTimesTheTeamGrowIt()
    {
        // bare mid 1.8M. One engineer: 1.8M + 400K mean salary = 2.2M before salaries ≥ 4 × 500K = 2M: grow the team.
        // Two engineers: 1.8M + 2 × 400K = 2.6M < 4 × 2 × 500K = 4M: hire.
        Assert.Multiple(() =>
        {
            Assert.That(Of(0, 0, 1.6e6, 2.0e6, engineers: 1).Label, Is.EqualTo("bare GPUs: self-host and grow the team"));
            Assert.That(Of(0, 0, 1.6e6, 2.0e6, engineers: 2).Label, Is.EqualTo("bare GPUs: hire and self-host"));
            Assert.That(Of(0, 0, 1.6e6, 2.0e6, engineers: 1).Why, Does.Contain("they lead the API by $1.8M"));
        });
    }

    [Test]
    public void TiesGoToTheApiThenToManaged()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Of(0, 0, -100e3, 100e3).Option, Is.EqualTo(TierOption.Api), "all midpoints $0");
            Assert.That(Of(100e3, 300e3, 0, 400e3).Option, Is.EqualTo(TierOption.Managed), "managed 200K = bare 200K");
            Assert.That(Of(100e3, 300e3, 0, 400.002e3).Option, Is.EqualTo(TierOption.BareGpus), "bare 1 $ ahead");
        });
    }

    [Test]
    public void TheSeedsHeadcountRuleIsContextByYearlySpend()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TierVerdict.SeedHeadcountRule(420e3), Is.EqualTo("don't self-host"));
            Assert.That(TierVerdict.SeedHeadcountRule(500e3), Is.EqualTo("only with GPU expertise already on the team"));
            Assert.That(TierVerdict.SeedHeadcountRule(1e6), Is.EqualTo("hire"));
            Assert.That(TierVerdict.SeedHeadcountRule(2e6), Is.EqualTo("hire"));
            Assert.That(TierVerdict.SeedHeadcountRule(2.22e6), Is.EqualTo("self-host and hire more"));
            Assert.That(Of(268e3, 395e3, 328e3, 679e3).Why, Does.EndWith("the seed's headcount rule at $2.22M/yr of API spend: self-host and hire more"));
        });
    }
}
