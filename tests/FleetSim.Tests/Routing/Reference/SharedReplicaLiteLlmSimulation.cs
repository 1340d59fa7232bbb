namespace FleetSim.Tests.Routing.Reference;

/// <summary>
/// An independent simulation of LiteLLM's call timeout in front of replicas that share their
/// throughput among the requests in flight, written for the tests without FleetSim's engine code:
/// Poisson arrivals with exponential sizes; each attempt picks a replica uniformly at random
/// (simple-shuffle, no semaphore limit, no cooldown); a replica with fewer than c in flight and no
/// line starts it at once, else it waits FIFO for a place; n in flight each run at R(n)/n. An attempt
/// not finished <c>timeout</c> seconds after it was made is aborted there (waiting or in service), and
/// retried at once (a group of two or more deployments sleeps 0) up to <c>retries</c> times; then the API.
/// Every event (arrival, finish, deadline) is found by looking at every request, and every request's
/// remaining work is lowered by the elapsed time × its pace: no virtual time, no heaps.
/// </summary>
public sealed class SharedReplicaLiteLlmSimulation(int replicas, double[] rates, double demandTokensPerSecond, double meanTokens,
                                                   double timeoutSeconds, int retries, ulong seed)
{
    /// <summary>Shares of the counted arrivals (after <paramref name="warmUp"/> uncounted ones): calls timed out per request, and requests that went to the API.</summary>
    public (double TimedOutPerRequest, double ApiShare) Run(long requests, long warmUp)
    {
        int c = rates.Length - 1;
        var random = new Random((int)(seed % int.MaxValue));
        var inFlight = new List<Call>[replicas];
        var line = new List<Call>[replicas];
        for (int r = 0; r < replicas; r++)
        {
            inFlight[r] = [];
            line[r] = [];
        }
        double lambda = demandTokensPerSecond / meanTokens;
        double now = 0, nextArrival = Exponential(random) / lambda;
        long arrived = 0, timedOut = 0, toApi = 0;
        while (arrived < warmUp + requests)
        {
            // The next event: an arrival, a finish, or a deadline in service or in a line.
            double next = nextArrival;
            int kind = 0, replica = -1, index = -1; // 1 finish, 2 deadline in service, 3 deadline in line
            for (int r = 0; r < replicas; r++)
            {
                List<Call> work = inFlight[r];
                double pace = work.Count > 0 ? rates[work.Count] / work.Count : 0;
                for (int i = 0; i < work.Count; i++)
                {
                    double finish = now + work[i].Remaining / pace;
                    if (finish < next)
                    {
                        (next, kind, replica, index) = (finish, 1, r, i);
                    }
                    if (work[i].Deadline < next)
                    {
                        (next, kind, replica, index) = (work[i].Deadline, 2, r, i);
                    }
                }
                for (int i = 0; i < line[r].Count; i++)
                {
                    if (line[r][i].Deadline < next)
                    {
                        (next, kind, replica, index) = (line[r][i].Deadline, 3, r, i);
                    }
                }
            }
            for (int r = 0; r < replicas; r++)
            {
                List<Call> work = inFlight[r];
                if (work.Count > 0)
                {
                    double done = (next - now) * rates[work.Count] / work.Count;
                    for (int i = 0; i < work.Count; i++)
                    {
                        work[i] = work[i] with { Remaining = work[i].Remaining - done };
                    }
                }
            }
            now = next;
            if (kind == 0)
            {
                bool counted = arrived >= warmUp;
                arrived++;
                nextArrival = now + Exponential(random) / lambda;
                Place(new Call(Exponential(random) * meanTokens, 0, 0, counted));
                continue;
            }
            Call call = kind == 3 ? line[replica][index] : inFlight[replica][index];
            if (kind == 3)
            {
                line[replica].RemoveAt(index);
            }
            else
            {
                inFlight[replica].RemoveAt(index);
            }
            if (line[replica].Count > 0 && inFlight[replica].Count < c)
            {
                // A place freed: the first in line starts, with its whole size still to do.
                Call first = line[replica][0];
                line[replica].RemoveAt(0);
                inFlight[replica].Add(first);
            }
            if (kind == 1)
            {
                continue;
            }
            timedOut += call.Counted ? 1 : 0;
            if (call.Attempt < retries)
            {
                Place(new Call(call.Size, 0, call.Attempt + 1, call.Counted));
            }
            else
            {
                toApi += call.Counted ? 1 : 0;
            }
        }
        return ((double)timedOut / requests, (double)toApi / requests);

        void Place(Call call)
        {
            int r = random.Next(replicas);
            call = call with { Remaining = call.Size, Deadline = now + timeoutSeconds };
            if (line[r].Count == 0 && inFlight[r].Count < c)
            {
                inFlight[r].Add(call);
            }
            else
            {
                line[r].Add(call);
            }
        }
    }

    private static double Exponential(Random random) => -Math.Log(1 - random.NextDouble());

    private readonly record struct Call(double Size, double Deadline, int Attempt, bool Counted)
    {
        public double Remaining { get; init; }
    }
}
