using FleetSim.Routing;

namespace FleetSim.Tests.Routing.Reference;

/// <summary>
/// The reference simulation checked against what is known exactly, before it is used to judge the
/// minute forms: M/M/c+D for one replica (Baccelli–Hébuterne), Erlang B at zero patience (for any
/// size law and, under least-busy, pooled over the fleet), and token share = request share.
/// </summary>
public class ReferenceSimulationTests
{
    private const double Service = 85_000 * 8 / 26_600.0;

    [TestCase(0.8)]
    [TestCase(1.0)]
    [TestCase(1.2)]
    public void OneExponentialReplicaIsMmcD(double load)
    {
        double lambda = load * 8 / Service;
        ReferenceResult r = new ReplicaFleetSimulation(1, 8, ReferencePicker.Shuffle, lambda, Service, true, 1, 30, 1).Run(1_000_000, 100_000);
        double exact = TimeoutQueue.FallbackShare(8, lambda, Service, 30);
        Assert.That(r.FallbackShare, Is.EqualTo(exact).Within(4 * r.StandardError + 1e-4));
    }

    [TestCase(ReferencePicker.LeastBusyInFlight, 4, 0.9)]
    [TestCase(ReferencePicker.LeastBusyInFlight, 16, 1.0)]
    public void ZeroPatienceUnderLeastBusyIsPooledErlangBForAnyLaw(ReferencePicker picker, int replicas, double load)
    {
        double lambda = load * replicas * 8 / Service;
        ReferenceResult r = new ReplicaFleetSimulation(replicas, 8, picker, lambda, Service, false, 2, 0, 2).Run(1_000_000, 100_000);
        Assert.That(r.FallbackShare, Is.EqualTo(ErlangB.Loss(replicas * 8, lambda * Service)).Within(4 * r.StandardError + 1e-4));
    }

    [TestCase(ReferencePicker.Shuffle)]
    [TestCase(ReferencePicker.LeastBusyInFlight)]
    public void TokenShareEqualsRequestShareUnderFifoPatience(ReferencePicker picker)
    {
        // A request's fate under FIFO depends on the work ahead of it, not on its own size.
        double lambda = 1.0 * 4 * 8 / Service;
        ReferenceResult r = new ReplicaFleetSimulation(4, 8, picker, lambda, Service, false, 2, 30, 3).Run(2_000_000, 200_000);
        Assert.That(r.FallbackTokenShare, Is.EqualTo(r.FallbackShare).Within(0.002));
    }
}
