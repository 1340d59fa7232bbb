namespace FleetSim.Tests.Routing.Reference;

/// <summary>How the reference fleet picks a replica for each arrival.</summary>
public enum ReferencePicker
{
    /// <summary>LiteLLM's simple-shuffle: a random replica, weighted, blind to load.</summary>
    Shuffle,

    /// <summary>LiteLLM's least-busy: the fewest requests holding a slot (queued ones are invisible), ties to the first.</summary>
    LeastBusyInFlight,
}

/// <summary>What one reference run saw after its warm-up.</summary>
/// <param name="Requests">Requests counted (after the warm-up).</param>
/// <param name="FallbackShare">Share of those requests that went to the API.</param>
/// <param name="FallbackTokenShare">Share of their tokens (service seconds) that went to the API.</param>
/// <param name="StandardError">Standard error of <paramref name="FallbackShare"/> by batch means.</param>
public readonly record struct ReferenceResult(long Requests, double FallbackShare, double FallbackTokenShare, double StandardError);

/// <summary>
/// An independent request-by-request simulation of replicas behind a LiteLLM-style router, written
/// from scratch for the tests (it shares no code with FleetSim's engines): Poisson arrivals, each
/// routed once to a replica by the picker, waiting FIFO on that replica's <c>c</c> slots for at most
/// the patience, then falling back to the API; service times exponential or lognormal with a given
/// mean and coefficient of variation.
/// </summary>
/// <remarks>
/// Events are the next arrival and a heap of slot completions. A replica's queue is a ring of
/// deadlines (arrival + patience): when a slot frees, heads past their deadline are dropped (they
/// fell back at their deadline; nothing else depends on when, since neither picker sees queues),
/// and the first live head takes the slot. A request's fall-back is counted when it is decided:
/// at once when patience is zero and no slot is free, otherwise when its deadline is found passed;
/// after the last arrival the slots run on until every queue is settled. The standard error comes from
/// 32 consecutive batches of requests.
/// </remarks>
public sealed class ReplicaFleetSimulation
{
    private const int Batches = 32;

    private readonly int _replicas;
    private readonly int _slots;
    private readonly double[] _cumulativeWeights;
    private readonly ReferencePicker _picker;
    private readonly double _arrivalRate;
    private readonly double _meanService;
    private readonly double _sizeCv;
    private readonly bool _exponential;
    private readonly double _patience;
    private readonly ulong _seed;

    /// <param name="replicas">n.</param>
    /// <param name="slots">c: slots per replica.</param>
    /// <param name="picker">The router's rule.</param>
    /// <param name="arrivalRate">λ, requests per second.</param>
    /// <param name="meanService">Mean seconds a request holds a slot.</param>
    /// <param name="exponential">Exponential service times; otherwise lognormal with <paramref name="sizeCv"/>.</param>
    /// <param name="sizeCv">Coefficient of variation of the lognormal (0 means every request the same).</param>
    /// <param name="patience">Seconds a request waits on its replica before it falls back.</param>
    /// <param name="seed">Random seed.</param>
    /// <param name="weights">Shuffle weights, one per replica (null: uniform).</param>
    public ReplicaFleetSimulation(int replicas, int slots, ReferencePicker picker, double arrivalRate, double meanService,
        bool exponential, double sizeCv, double patience, ulong seed, double[]? weights = null)
    {
        _replicas = replicas;
        _slots = slots;
        _picker = picker;
        _arrivalRate = arrivalRate;
        _meanService = meanService;
        _exponential = exponential;
        _sizeCv = sizeCv;
        _patience = patience;
        _seed = seed;
        _cumulativeWeights = new double[replicas];
        double total = 0;
        for (int i = 0; i < replicas; i++)
        {
            total += weights?[i] ?? 1.0;
            _cumulativeWeights[i] = total;
        }
        for (int i = 0; i < replicas; i++)
        {
            _cumulativeWeights[i] /= total;
        }
    }

    /// <summary>Runs <paramref name="warmup"/> requests unrecorded, then <paramref name="requests"/> recorded.</summary>
    public ReferenceResult Run(long requests, long warmup)
    {
        var random = new SplitMix(_seed);
        var completions = new PriorityQueue<int, double>(_replicas * _slots);
        var inFlight = new int[_replicas];
        var queues = new DeadlineQueue[_replicas];
        for (int i = 0; i < _replicas; i++)
        {
            queues[i] = new DeadlineQueue();
        }
        double sigma = Math.Sqrt(Math.Log(1 + _sizeCv * _sizeCv));
        double mu = Math.Log(_meanService) - sigma * sigma / 2;

        long batchSize = Math.Max(1, requests / Batches);
        var batchFallbacks = new long[Batches];
        long fallbacks = 0;
        double tokens = 0, fallbackTokens = 0;
        double now = 0;
        long total = warmup + requests;

        for (long k = 0; k < total; k++)
        {
            now += -Math.Log(random.NextOpen()) / _arrivalRate;
            // Every slot that frees before this arrival takes the head of its replica's queue.
            while (completions.TryPeek(out int replica, out double at) && at <= now)
            {
                completions.Dequeue();
                DeadlineQueue queue = queues[replica];
                bool served = false;
                while (queue.Count > 0)
                {
                    (double deadline, double service, long index) = queue.Dequeue();
                    if (deadline >= at)
                    {
                        completions.Enqueue(replica, at + service);
                        served = true;
                        break;
                    }
                    Count(index, service);
                }
                if (!served)
                {
                    inFlight[replica]--;
                }
            }

            double size = _exponential
                ? -_meanService * Math.Log(random.NextOpen())
                : _sizeCv == 0 ? _meanService : Math.Exp(mu + sigma * random.NextGaussian());
            if (k >= warmup)
            {
                tokens += size;
            }
            int pick = Pick(inFlight, random);
            if (inFlight[pick] < _slots)
            {
                inFlight[pick]++;
                completions.Enqueue(pick, now + size);
            }
            else if (_patience <= 0)
            {
                Count(k, size);
            }
            else
            {
                queues[pick].Enqueue(now + _patience, size, k);
            }
        }
        // Drain: run the slots on with no more arrivals until every queued request is served or has
        // passed its deadline. Under FIFO a request's fate depends only on the requests ahead of it
        // on its replica and on that replica's slots, so this settles every counted request exactly
        // (stopping at the last arrival instead would miss the fall-backs of the last τ seconds).
        while (completions.TryDequeue(out int replica, out double at))
        {
            DeadlineQueue queue = queues[replica];
            while (queue.Count > 0)
            {
                (double deadline, double service, long index) = queue.Dequeue();
                if (deadline >= at)
                {
                    completions.Enqueue(replica, at + service);
                    break;
                }
                Count(index, service);
            }
        }

        double share = (double)fallbacks / requests;
        double variance = 0;
        for (int b = 0; b < Batches; b++)
        {
            double d = (double)batchFallbacks[b] / batchSize - share;
            variance += d * d;
        }
        double se = Math.Sqrt(variance / (Batches - 1) / Batches);
        return new ReferenceResult(requests, share, fallbackTokens / tokens, se);

        void Count(long index, double service)
        {
            if (index < warmup)
            {
                return;
            }
            fallbacks++;
            fallbackTokens += service;
            batchFallbacks[Math.Min(Batches - 1, (index - warmup) / batchSize)]++;
        }
    }

    private int Pick(int[] inFlight, SplitMix random)
    {
        if (_picker == ReferencePicker.LeastBusyInFlight)
        {
            int best = 0;
            for (int i = 1; i < inFlight.Length; i++)
            {
                if (inFlight[i] < inFlight[best])
                {
                    best = i;
                }
            }
            return best;
        }
        double u = random.NextOpen();
        int lo = 0, hi = _replicas - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (u <= _cumulativeWeights[mid])
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /// <summary>A growable ring of (deadline, service, index) in arrival order.</summary>
    private sealed class DeadlineQueue
    {
        private (double Deadline, double Service, long Index)[] _items = new (double, double, long)[16];
        private int _head;

        public int Count { get; private set; }

        public void Enqueue(double deadline, double service, long index)
        {
            if (Count == _items.Length)
            {
                var grown = new (double, double, long)[_items.Length * 2];
                for (int i = 0; i < Count; i++)
                {
                    grown[i] = _items[(_head + i) % _items.Length];
                }
                _items = grown;
                _head = 0;
            }
            _items[(_head + Count) % _items.Length] = (deadline, service, index);
            Count++;
        }

        public (double Deadline, double Service, long Index) Dequeue()
        {
            var item = _items[_head];
            _head = (_head + 1) % _items.Length;
            Count--;
            return item;
        }
    }

    /// <summary>SplitMix64 with Box–Muller normals: small, seedable, and independent of any library.</summary>
    private sealed class SplitMix(ulong seed)
    {
        private ulong _state = seed;
        private double _spare = double.NaN;

        /// <summary>Uniform on (0, 1).</summary>
        public double NextOpen()
        {
            _state += 0x9E3779B97F4A7C15UL;
            ulong z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return ((z >> 11) + 0.5) * (1.0 / (1UL << 53));
        }

        public double NextGaussian()
        {
            if (!double.IsNaN(_spare))
            {
                double s = _spare;
                _spare = double.NaN;
                return s;
            }
            double r = Math.Sqrt(-2 * Math.Log(NextOpen()));
            double theta = 2 * Math.PI * NextOpen();
            _spare = r * Math.Sin(theta);
            return r * Math.Cos(theta);
        }
    }
}
