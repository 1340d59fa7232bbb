namespace FleetSim.Tests.Routing.Reference;

/// <summary>
/// An independent simulation of replicas that share their throughput among the requests in flight
/// (processor sharing at a rate that depends on how many there are), written for the tests without
/// FleetSim's engine code: Poisson arrivals, each sent to a replica with room (at random, or the
/// least loaded, lowest index first), or to the API when every replica holds c requests.
/// </summary>
/// <remarks>
/// The plainest possible event loop: every request in flight keeps its remaining tokens; the next
/// event is the earlier of the next arrival and the first request to run out of tokens at its
/// replica's current per-request rate R(n)/n; at each event every request's remaining tokens are
/// brought up to date. O(requests in flight) an event: slow, and obviously right. Counting starts
/// after a warm-up; the standard error is from 32 batches.
/// </remarks>
public sealed class SharedReplicaFleetSimulation(int replicas, double[] rates, bool leastBusy, double demandTokensPerSecond, double meanTokens, ulong seed)
{
    private const int Batches = 32;

    /// <summary>Runs <paramref name="requests"/> counted arrivals after <paramref name="warmUp"/> uncounted ones.</summary>
    public ReferenceResult Run(long requests, long warmUp)
    {
        int c = rates.Length - 1;
        var random = new Random((int)(seed % int.MaxValue));
        var inFlight = new List<double>[replicas];
        for (int r = 0; r < replicas; r++)
        {
            inFlight[r] = [];
        }
        double lambda = demandTokensPerSecond / meanTokens;
        double now = 0, nextArrival = Exponential(random) / lambda;
        long arrived = 0, lost = 0;
        double tokensIn = 0, tokensLost = 0;
        long perBatch = requests / Batches;
        var batchLoss = new double[Batches];
        long batchLost = 0;
        var candidates = new List<int>(replicas);
        while (arrived < warmUp + requests)
        {
            // The next finish: the smallest remaining ÷ per-request rate over every replica.
            double nextFinish = double.PositiveInfinity;
            int finishReplica = -1, finishIndex = -1;
            for (int r = 0; r < replicas; r++)
            {
                List<double> work = inFlight[r];
                if (work.Count == 0)
                {
                    continue;
                }
                double each = rates[work.Count] / work.Count;
                for (int i = 0; i < work.Count; i++)
                {
                    double t = now + work[i] / each;
                    if (t < nextFinish)
                    {
                        (nextFinish, finishReplica, finishIndex) = (t, r, i);
                    }
                }
            }
            double next = Math.Min(nextFinish, nextArrival);
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
            if (nextFinish < nextArrival)
            {
                inFlight[finishReplica].RemoveAt(finishIndex);
                continue;
            }
            // An arrival.
            double tokens = Exponential(random) * meanTokens;
            nextArrival = now + Exponential(random) / lambda;
            bool counted = arrived >= warmUp;
            arrived++;
            candidates.Clear();
            for (int r = 0; r < replicas; r++)
            {
                if (inFlight[r].Count < c)
                {
                    candidates.Add(r);
                }
            }
            int pick = -1;
            if (candidates.Count > 0)
            {
                pick = leastBusy ? candidates.MinBy(r => inFlight[r].Count) : candidates[random.Next(candidates.Count)];
            }
            if (pick >= 0)
            {
                inFlight[pick].Add(tokens);
            }
            if (!counted)
            {
                continue;
            }
            tokensIn += tokens;
            if (pick < 0)
            {
                lost++;
                batchLost++;
                tokensLost += tokens;
            }
            long k = arrived - warmUp;
            if (k % perBatch == 0 && k / perBatch <= Batches)
            {
                batchLoss[k / perBatch - 1] = (double)batchLost / perBatch;
                batchLost = 0;
            }
        }
        double mean = batchLoss.Average();
        double sd = Math.Sqrt(batchLoss.Sum(b => (b - mean) * (b - mean)) / (Batches - 1));
        return new ReferenceResult(requests, (double)lost / requests, tokensLost / tokensIn, sd / Math.Sqrt(Batches));
    }

    private static double Exponential(Random random) => -Math.Log(1 - random.NextDouble());
}
