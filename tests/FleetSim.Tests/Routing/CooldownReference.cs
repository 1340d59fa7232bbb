namespace FleetSim.Tests.Routing;

/// <summary>
/// A small simulation of LiteLLM in front of replicas that answer 429 when full, written apart from
/// FleetSim's engine: Poisson arrivals, exponential service, each replica's departures in a plain
/// sorted list; a 429 cools the replica for the cooldown and the request is retried at once on
/// another healthy replica picked uniformly; with no healthy replica left, or retries spent, it goes to the API.
/// </summary>
internal static class CooldownReference
{
    public static double SpillShare(int replicas, int slots, double lambda, double meanService, double cooldown, int retries, double seconds, int seed)
    {
        var random = new Random(seed);
        var departures = new List<double>[replicas];
        for (int r = 0; r < replicas; r++)
        {
            departures[r] = [];
        }
        var coolUntil = new double[replicas];
        long arrivals = 0, spilled = 0;
        double t = 0;
        var healthy = new List<int>();
        while (true)
        {
            t += -Math.Log(1 - random.NextDouble()) / lambda;
            if (t >= seconds)
            {
                break;
            }
            arrivals++;
            foreach (List<double> d in departures)
            {
                d.RemoveAll(x => x <= t);
            }
            var tried = new HashSet<int>();
            bool served = false;
            for (int attempt = 0; attempt <= retries && !served; attempt++)
            {
                healthy.Clear();
                for (int r = 0; r < replicas; r++)
                {
                    if (coolUntil[r] <= t && !tried.Contains(r))
                    {
                        healthy.Add(r);
                    }
                }
                if (healthy.Count == 0)
                {
                    break;
                }
                int pick = healthy[random.Next(healthy.Count)];
                if (departures[pick].Count < slots)
                {
                    departures[pick].Add(t - Math.Log(1 - random.NextDouble()) * meanService);
                    served = true;
                }
                else
                {
                    coolUntil[pick] = t + cooldown;
                    tried.Add(pick);
                }
            }
            if (!served)
            {
                spilled++;
            }
        }
        return (double)spilled / arrivals;
    }
}
