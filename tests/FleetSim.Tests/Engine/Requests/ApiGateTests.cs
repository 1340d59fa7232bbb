using FleetSim.Routing.Requests;
using FleetSim.Engine.Requests;
using FleetSim.Scenario;
using FleetSim.Units;

namespace FleetSim.Tests.Engine.Requests;

public class ApiGateTests
{
    private static readonly ApiSpec Api = new(ApiPriceSpec.Blended(0.317));

    [Test]
    public void UnlimitedTakesEverything()
    {
        var gate = new ApiGate(Api);
        Assert.That(Enumerable.Range(0, 10_000).All(i => gate.TryAccept(i * 0.001, 1e6)), Is.True);
    }

    [Test]
    public void RequestsPerMinuteCountPerClockMinute()
    {
        var gate = new ApiGate(Api with { RequestsPerMinute = 3 });
        bool[] taken = [.. new[] { 0.0, 10, 20, 30, 59.999, 60, 61, 62, 63 }.Select(t => gate.TryAccept(t, 1))];
        Assert.That(taken, Is.EqualTo(new[] { true, true, true, false, false, true, true, true, false }));
    }

    [Test]
    public void TokensPerMinuteRefuseTheRequestThatWouldPassTheLimit()
    {
        var gate = new ApiGate(Api with { TokensPerMinute = 100_000 });
        Assert.Multiple(() =>
        {
            Assert.That(gate.TryAccept(1, 60_000), Is.True);
            Assert.That(gate.TryAccept(2, 50_000), Is.False);
            Assert.That(gate.TryAccept(3, 40_000), Is.True, "a smaller request still fits");
            Assert.That(gate.TryAccept(4, 1), Is.False);
            Assert.That(gate.TryAccept(60, 100_000), Is.True, "a new minute");
        });
    }

    [Test]
    public void AnOutageRefusesFromItsStartToItsEnd()
    {
        var gate = new ApiGate(Api with { Outages = [new Outage(1, 0.5)] });
        Assert.Multiple(() =>
        {
            Assert.That(gate.TryAccept(3599.9, 1), Is.True);
            Assert.That(gate.TryAccept(3600, 1), Is.False);
            Assert.That(gate.TryAccept(5399.9, 1), Is.False);
            Assert.That(gate.TryAccept(5400, 1), Is.True);
        });
    }

    [Test]
    public void RequestsRefusedDuringAnOutageDoNotUseTheMinutesAllowance()
    {
        var gate = new ApiGate(Api with { RequestsPerMinute = 1, Outages = [new Outage(0, 30 / 3600.0)] });
        Assert.Multiple(() =>
        {
            Assert.That(gate.TryAccept(10, 1), Is.False);
            Assert.That(gate.TryAccept(40, 1), Is.True);
            Assert.That(gate.TryAccept(50, 1), Is.False);
        });
    }
}
