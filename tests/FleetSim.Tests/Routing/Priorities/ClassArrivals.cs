using FleetSim.Fleet;
using FleetSim.Routing.Requests;
using FleetSim.Scenario;

namespace FleetSim.Tests.Routing.Priorities;

/// <summary>
/// A request-level run driven by the test itself: a fleet, a ledger and a rule, fed Poisson arrivals of several
/// classes with exponential sizes (or a hand-written trace), resumed requests merged in time order as the request
/// engine merges them.
/// </summary>
internal sealed class ClassArrivals
{
    public ClassArrivals(int replicas, int slotsPerReplica, RouterSpec router, double horizonSeconds, int seed = 1)
    {
        ScenarioSpec seedScenario = Scenarios.Seed($"replica.max_in_flight={slotsPerReplica}");
        Replica = seedScenario.Replica;
        Ledger = new RequestLedger((int)Math.Ceiling(horizonSeconds / 60), horizonSeconds, new ApiGate(seedScenario.Api));
        Fleet = new RequestFleet(new FleetShape(replicas, Replica), router, 0.1, Ledger, new Random(seed));
    }

    public ReplicaSpec Replica { get; }

    public RequestLedger Ledger { get; }

    public RequestFleet Fleet { get; }

    /// <summary>Seconds a request of <paramref name="tokens"/> holds a slot: tokens·c/R.</summary>
    public double ServiceSeconds(double tokens) => tokens * Replica.MaxInFlight / Replica.Throughput.Value;

    /// <summary>Tokens of a request that holds a slot for <paramref name="seconds"/>.</summary>
    public double TokensFor(double seconds) => seconds * Replica.Throughput.Value / Replica.MaxInFlight;

    /// <summary>Feeds <paramref name="rule"/> the requests (time, tokens, class) in time order, then resumes the rest and finishes.</summary>
    public void Drive(RequestAdmission rule, IEnumerable<(double At, double Tokens, int Class)> requests)
    {
        foreach (var (at, tokens, c) in requests)
        {
            ResumeUntil(rule, at);
            rule.Arrive(at, tokens, c);
        }
        ResumeUntil(rule, double.PositiveInfinity);
        rule.Finish();
    }

    /// <summary>
    /// Independent Poisson streams per class, merged: class i offers erlangs[i] with sizes of mean <paramref name="meanTokens"/>,
    /// exponential, or lognormal with coefficient of variation <paramref name="lognormalCv"/> when given.
    /// </summary>
    public IEnumerable<(double At, double Tokens, int Class)> Poisson(double[] erlangs, double meanTokens, double horizonSeconds, int seed, double? lognormalCv = null)
    {
        var random = new Random(seed);
        double meanService = ServiceSeconds(meanTokens);
        double total = erlangs.Sum() / meanService; // requests per second, all classes
        for (double t = Exponential(random, 1 / total); t < horizonSeconds; t += Exponential(random, 1 / total))
        {
            // Thinning the merged stream by share gives each class its own Poisson stream.
            double u = random.NextDouble() * erlangs.Sum();
            int c = 0;
            while (c < erlangs.Length - 1 && u >= erlangs[c])
            {
                u -= erlangs[c];
                c++;
            }
            yield return (t, lognormalCv is { } cv ? Lognormal(random, meanTokens, cv) : Exponential(random, meanTokens), c);
        }
    }

    private static double Exponential(Random random, double mean) => -mean * Math.Log(1 - random.NextDouble());

    /// <summary>exp(μ + σZ) with σ² = ln(1 + cv²), μ = ln(mean) − σ²/2; Z standard normal by Box–Muller.</summary>
    private static double Lognormal(Random random, double mean, double cv)
    {
        double s2 = Math.Log(1 + cv * cv);
        double z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return Math.Exp(Math.Log(mean) - s2 / 2 + Math.Sqrt(s2) * z);
    }

    private void ResumeUntil(RequestAdmission rule, double until)
    {
        while (Fleet.TryNextDue(until, out PendingRequest request))
        {
            rule.Resume(request);
        }
    }
}
