namespace FleetSim.Tests.Routing.Reference;

/// <summary>
/// An independent simulation of the queue router in front of replicas that share their throughput
/// among the requests in flight, written for the tests without FleetSim's engine code: Poisson
/// arrivals, each sent to a replica at random (simple-shuffle, equal weights), where it waits in a
/// FIFO line while c requests are in flight; with a patience τ a request still waiting τ after it
/// arrived leaves for the API. Sizes are exponential, or lognormal with the given coefficient of variation.
/// </summary>
/// <remarks>
/// The plainest event loop: each request in flight keeps its remaining tokens; the next event is the
/// earliest of the next arrival, the first request to run out of tokens at its replica's per-request
/// rate R(n)/n, and the first waiting request to reach its patience; at each event every request's
/// remaining tokens are brought up to date. Counting starts after a warm-up.
/// </remarks>
/// <param name="sizeCv">Coefficient of variation of lognormal sizes; null for exponential sizes.</param>
public sealed class SharedReplicaQueueSimulation(int replicas, double[] rates, double demandTokensPerSecond, double meanTokens, double? sizeCv,
                                                 double? patienceSeconds, ulong seed)
{
    /// <summary>What the counted arrivals came to.</summary>
    /// <param name="TimedOutShare">Share of arrivals that left the line for the API.</param>
    /// <param name="MeanWaitSeconds">Mean wait in line of the requests served.</param>
    /// <param name="MeanEndToEndSeconds">Mean arrival to last token of the requests served.</param>
    public sealed record Result(double TimedOutShare, double MeanWaitSeconds, double MeanEndToEndSeconds);

    private sealed record Request(double Arrived, double Tokens, bool Counted)
    {
        public double Remaining { get; set; } = Tokens;

        public double Started { get; set; }
    }

    /// <summary>Runs <paramref name="requests"/> counted arrivals after <paramref name="warmUp"/> uncounted ones.</summary>
    public Result Run(long requests, long warmUp)
    {
        int c = rates.Length - 1;
        var random = new Random((int)(seed % int.MaxValue));
        var inFlight = new List<Request>[replicas];
        var lines = new LinkedList<Request>[replicas];
        for (int r = 0; r < replicas; r++)
        {
            inFlight[r] = [];
            lines[r] = new LinkedList<Request>();
        }
        double lambda = demandTokensPerSecond / meanTokens;
        double sigma = Math.Sqrt(Math.Log(1 + (sizeCv ?? 1) * (sizeCv ?? 1))), mu = Math.Log(meanTokens) - sigma * sigma / 2;
        double now = 0, nextArrival = Exponential(random) / lambda;
        long arrived = 0, timedOut = 0, served = 0;
        double waitSum = 0, endToEndSum = 0;
        while (arrived < warmUp + requests || inFlight.Any(f => f.Count > 0) || lines.Any(l => l.Count > 0))
        {
            bool arrivalsOpen = arrived < warmUp + requests;
            double next = arrivalsOpen ? nextArrival : double.PositiveInfinity;
            int kind = 0, at = -1; // 0 arrival, 1 finish, 2 patience
            Request? who = null;
            for (int r = 0; r < replicas; r++)
            {
                List<Request> work = inFlight[r];
                foreach (Request q in work)
                {
                    double t = now + q.Remaining / (rates[work.Count] / work.Count);
                    if (t < next)
                    {
                        (next, kind, at, who) = (t, 1, r, q);
                    }
                }
                if (patienceSeconds is { } tau && lines[r].First is { } head && head.Value.Arrived + tau < next)
                {
                    (next, kind, at, who) = (head.Value.Arrived + tau, 2, r, head.Value);
                }
            }
            for (int r = 0; r < replicas; r++)
            {
                List<Request> work = inFlight[r];
                if (work.Count > 0)
                {
                    double done = (next - now) * rates[work.Count] / work.Count;
                    foreach (Request q in work)
                    {
                        q.Remaining -= done;
                    }
                }
            }
            now = next;
            if (kind == 1)
            {
                inFlight[at].Remove(who!);
                if (who!.Counted)
                {
                    served++;
                    waitSum += who.Started - who.Arrived;
                    endToEndSum += now - who.Arrived;
                }
                if (lines[at].First is { } head)
                {
                    lines[at].RemoveFirst();
                    head.Value.Started = now;
                    inFlight[at].Add(head.Value);
                }
                continue;
            }
            if (kind == 2)
            {
                lines[at].RemoveFirst();
                if (who!.Counted)
                {
                    timedOut++;
                }
                continue;
            }
            double tokens = sizeCv is null ? Exponential(random) * meanTokens : Math.Exp(mu + sigma * Normal(random));
            var request = new Request(now, tokens, arrived >= warmUp) { Started = now };
            arrived++;
            nextArrival = now + Exponential(random) / lambda;
            int pick = random.Next(replicas);
            if (inFlight[pick].Count < c && lines[pick].Count == 0)
            {
                inFlight[pick].Add(request);
            }
            else
            {
                lines[pick].AddLast(request);
            }
        }
        return new Result((double)timedOut / requests, waitSum / served, endToEndSum / served);
    }

    private static double Exponential(Random random) => -Math.Log(1 - random.NextDouble());

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
