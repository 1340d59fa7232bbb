namespace FleetSim.Tests.Routing.Reference;

/// <summary>
/// An independent simulation of the cooldown router in front of replicas that share their throughput
/// among the requests in flight, written for the tests without FleetSim's engine code: Poisson
/// arrivals with exponential sizes; each tries a random replica that is not cooling and that it has
/// not tried (simple-shuffle); a replica with fewer than c in flight takes it, a full one answers 429
/// and cools for the cooldown; after <c>retries</c> more tries, or with none left, it goes to the API.
/// </summary>
public sealed class SharedReplicaCooldownSimulation(int replicas, double[] rates, double demandTokensPerSecond, double meanTokens,
                                                    double cooldownSeconds, int retries, ulong seed)
{
    /// <summary>The share of counted arrivals that went to the API, after <paramref name="warmUp"/> uncounted ones.</summary>
    public double SpillShare(long requests, long warmUp)
    {
        int c = rates.Length - 1;
        var random = new Random((int)(seed % int.MaxValue));
        var inFlight = new List<double>[replicas];
        var coolUntil = new double[replicas];
        for (int r = 0; r < replicas; r++)
        {
            inFlight[r] = [];
        }
        double lambda = demandTokensPerSecond / meanTokens;
        double now = 0, nextArrival = Exponential(random) / lambda;
        long arrived = 0, spilled = 0;
        var candidates = new List<int>(replicas);
        while (arrived < warmUp + requests)
        {
            double next = nextArrival;
            int finishReplica = -1, finishIndex = -1;
            for (int r = 0; r < replicas; r++)
            {
                List<double> work = inFlight[r];
                for (int i = 0; i < work.Count; i++)
                {
                    double t = now + work[i] / (rates[work.Count] / work.Count);
                    if (t < next)
                    {
                        (next, finishReplica, finishIndex) = (t, r, i);
                    }
                }
            }
            for (int r = 0; r < replicas; r++)
            {
                List<double> work = inFlight[r];
                if (work.Count > 0)
                {
                    double done = (next - now) * rates[work.Count] / work.Count;
                    for (int i = 0; i < work.Count; i++)
                    {
                        work[i] -= done;
                    }
                }
            }
            now = next;
            if (finishReplica >= 0)
            {
                inFlight[finishReplica].RemoveAt(finishIndex);
                continue;
            }
            double tokens = Exponential(random) * meanTokens;
            nextArrival = now + Exponential(random) / lambda;
            bool counted = arrived >= warmUp;
            arrived++;
            candidates.Clear();
            for (int r = 0; r < replicas; r++)
            {
                if (coolUntil[r] <= now)
                {
                    candidates.Add(r);
                }
            }
            bool served = false;
            for (int attempt = 0; attempt <= retries && candidates.Count > 0; attempt++)
            {
                int k = random.Next(candidates.Count);
                int pick = candidates[k];
                candidates.RemoveAt(k);
                if (inFlight[pick].Count < c)
                {
                    inFlight[pick].Add(tokens);
                    served = true;
                    break;
                }
                coolUntil[pick] = now + cooldownSeconds;
            }
            if (!served && counted)
            {
                spilled++;
            }
        }
        return (double)spilled / requests;
    }

    private static double Exponential(Random random) => -Math.Log(1 - random.NextDouble());
}
