using FleetSim.Routing.Requests;
using FleetSim.Scenario;

namespace FleetSim.Tests.Routing;

/// <summary>
/// A replica sharing its curve's pace among its requests, followed by hand: R(1) = 10 and R(2) = 16
/// tok/s. A (100 tokens) starts at 0 s alone, at 10 tok/s; B (30 tokens) joins at 5 s, when A has 50;
/// both run at 8 tok/s, so B finishes at 5 + 30/8 = 8.75 s with A at 80; A alone finishes its last 20
/// at 10 tok/s, at 10.75 s.
/// </summary>
public class SharedReplicaTests
{
    private static (SharedReplica Replica, RequestLedger Ledger) Replica(double horizonEnd)
    {
        var ledger = new RequestLedger(1, horizonEnd, new ApiGate(new ApiSpec(ApiPriceSpec.Blended(1))));
        return (new SharedReplica(ThroughputCurve.Of([(1, 10), (2, 16)], 2), ledger), ledger);
    }

    [Test]
    public void RequestsFinishWhenTheirShareOfThePaceHasCarriedThem()
    {
        var (replica, ledger) = Replica(60);
        replica.Start(0, 0, 100, 0);
        Assert.That(replica.InFlightAt(4.999), Is.EqualTo(1));
        replica.Start(5, 5, 30, 0);
        Assert.Multiple(() =>
        {
            Assert.That(replica.InFlightAt(8.7499), Is.EqualTo(2));
            Assert.That(replica.InFlightAt(8.7501), Is.EqualTo(1), "B leaves at 8.75 s");
            Assert.That(replica.InFlightAt(10.7499), Is.EqualTo(1));
            Assert.That(replica.InFlightAt(10.7501), Is.EqualTo(0), "A leaves at 10.75 s");
            Assert.That(ledger.SelfHostedTokens, Is.EqualTo(130));
            Assert.That(ledger.EndToEnd.Summary().Mean, Is.EqualTo((3.75 + 10.75) / 2).Within(1e-9));
        });
    }

    /// <summary>
    /// With the horizon ending at 7 s, each had received, by then, what the shared pace gave it: A 50 + 2·8 = 66
    /// and B 16, so 34 of A's tokens and 14 of B's came after the end (48), not the shares of their time.
    /// </summary>
    [Test]
    public void TokensAfterTheHorizonAreWhatThePaceGaveAfterIt()
    {
        var (replica, ledger) = Replica(7);
        replica.Start(0, 0, 100, 0);
        replica.Start(5, 5, 30, 0);
        replica.Advance(double.PositiveInfinity);
        Assert.That(ledger.TokensAfterHorizon, Is.EqualTo(48).Within(1e-9));
    }
}
