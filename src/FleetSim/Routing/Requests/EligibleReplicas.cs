using System.Runtime.CompilerServices;
using FleetSim.Scenario;

namespace FleetSim.Routing.Requests;

/// <summary>
/// The replicas a router may send its next request to, kept up to date as they change rather than
/// found by looking at every replica on every request, and LiteLLM's routing_strategy among them:
/// the same law as <see cref="ReplicaPicker"/> (which looks at them all), at a cost per pick that
/// does not grow with the fleet.
/// </summary>
/// <remarks>
/// <para>
/// A replica's eligibility and load change only when the router acts on it (a request held, a
/// 429, a failed call) or when a moment passes (a slot comes free, a cooldown or an rpm window
/// ends). The router reports the first with <see cref="Refresh"/> and announces the second with
/// <see cref="WakeAt"/>; before each pick the replicas whose moment has come are asked again
/// (<typeparamref name="TState"/> answers for the pick's time), so at every pick each replica's
/// standing is what a look at it would find. Spurious wake-ups are harmless.
/// </para>
/// Fleets of up to <see cref="ScanLimit"/> replicas are simply scanned, as before (the same picks
/// draw for draw): there the scan costs less than keeping the set. Larger ones keep it:
/// <list type="bullet">
/// <item>simple-shuffle, equal weights: the eligible replicas are an indexed set (an array and
/// each replica's place in it; removal swaps the last into the gap), and the pick is its
/// ⌊u·k⌋-th member for one uniform u, uniform among the k eligible as the scan is. The order
/// differs from the scan's, so a seed picks other replicas than before, with the same law. O(1).</item>
/// <item>simple-shuffle, weighted: a sum tree of the eligible replicas' weights (a complete binary
/// tree, each node the sum of its two children, recomputed on the way up, so no rounding drift);
/// u·total is walked down it in replica order, the same replica the scan's walk finds. O(log n).</item>
/// <item>least-busy: the eligible replicas by load (<see cref="LoadLevels"/>), one bit set per
/// load; the pick is the lowest-index replica at the lowest load, so a tie goes to the lowest index
/// as in LiteLLM and the scan. A load change is two bit flips.</item>
/// </list>
/// Wake-ups wait in a min-heap (<see cref="WakeUps"/>), O(log w) for the w waiting, taken in time
/// order (simple-shuffle's indexed set depends on the order replicas come back in); least-busy's,
/// whose order among those due does not matter, wait in a radix heap (<see cref="DueWakeUps"/>),
/// O(1) to add and a few moves each on the way to being due. When the router's load is the requests
/// it holds (<see cref="IReplicaState.LoadCountsHolds"/>: spill), least-busy counts it itself from
/// <see cref="Held"/>: one up when a request is held, one down at its end, and the end never asks
/// the router (whose slots for that replica are then seldom in the cache).
/// </remarks>
/// <typeparam name="TState">The router's answers: a struct, so each router's checks compile inline.</typeparam>
public sealed class EligibleReplicas<TState>
    where TState : struct, IReplicaState
{
    /// <summary>Fleets up to this many replicas are scanned at each pick (<see cref="ReplicaPicker"/>), which costs less than keeping the set.</summary>
    public const int ScanLimit = 16;

    private readonly TState _state;
    private readonly ReplicaPicker? _scan;
    private readonly int _replicas;
    private readonly Random _random;
    private readonly Kernels.VectorRandom? _vector; // _random when it is the engine's own generator: called directly, so it can be inlined
    private readonly int[] _members;
    private readonly int[] _place;
    private int _count;
    private readonly int _leaves;
    private readonly double[]? _weights;
    private readonly double[]? _weightTree;
    private readonly LoadLevels? _levels;
    private readonly WakeUps _wakeUps = new();
    private readonly DueWakeUps? _dueWakeUps;
    private readonly int[]? _held; // least-busy when the load counts holds: each replica's requests in flight
    private double[]? _selfWake; // states that change by themselves: each replica's live wake-up (+∞ none)

    /// <param name="state">The router's answers about a replica.</param>
    /// <param name="choice">simple-shuffle or least-busy.</param>
    /// <param name="replicas">n ≥ 0, the replicas 0 … n − 1.</param>
    /// <param name="weights">simple-shuffle's weight per replica, or null for all equal; a replica past the list's end has weight 0 (never picked), as in <see cref="ReplicaPicker"/>.</param>
    /// <param name="random">The routing stream (simple-shuffle's draws).</param>
    /// <param name="start">The clock's start (seconds): every replica is asked once at this time.</param>
    /// <param name="scan">Look at every replica on every pick whatever the fleet's size: for states
    /// whose eligibility changes at moments the router cannot announce.</param>
    public EligibleReplicas(TState state, ReplicaChoice choice, int replicas, IReadOnlyList<double>? weights, Random random, double start = 0, bool scan = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replicas);
        _state = state;
        _random = random;
        _vector = random as Kernels.VectorRandom;
        _replicas = replicas;
        if (replicas <= ScanLimit || scan)
        {
            // The same picks, draw for draw, as before the set was kept.
            _scan = new ReplicaPicker(choice, replicas, weights, random);
            _members = _place = [];
            return;
        }
        _members = new int[replicas];
        _place = new int[replicas];
        _place.AsSpan().Fill(-1);
        _leaves = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, replicas));
        if (choice == ReplicaChoice.LeastBusy)
        {
            _levels = new LoadLevels(replicas);
            _dueWakeUps = new DueWakeUps();
            if (TState.LoadCountsHolds)
            {
                _held = new int[replicas];
            }
        }
        else if (weights is not null && !AllEqualAndPositive(weights, replicas))
        {
            _weights = [.. Enumerable.Range(0, replicas).Select(r => r < weights.Count ? weights[r] : 0)];
            _weightTree = new double[2 * _leaves];
        }
        for (int r = 0; r < replicas; r++)
        {
            Refresh(r, start);
        }
    }

    /// <summary>Whether the picks need each replica's load (least-busy), so the router must wake it whenever its load may change.</summary>
    public bool TracksLoad => _levels is not null;

    /// <summary>Whether this fleet is small enough to be scanned at each pick, so nothing need be refreshed or woken.</summary>
    public bool Scans => _scan is not null;

    /// <summary>
    /// Asks replica <paramref name="replica"/> again at <paramref name="now"/>: the router changed
    /// something that may change its eligibility or its load.
    /// </summary>
    public void Refresh(int replica, double now)
    {
        if (_scan is not null)
        {
            return;
        }
        bool eligible = _state.Eligible(replica, now);
        int place = _place[replica];
        if (eligible && place < 0)
        {
            _place[replica] = _count;
            _members[_count++] = replica;
            if (_weightTree is not null)
            {
                SetWeight(replica, _weights![replica]);
            }
        }
        else if (!eligible && place >= 0)
        {
            int last = _members[--_count];
            _members[place] = last;
            _place[last] = place;
            _place[replica] = -1;
            if (_weightTree is not null)
            {
                SetWeight(replica, 0);
            }
        }
        _levels?.Set(replica, eligible ? _held is { } held ? held[replica] : _state.Load(replica, now) : -1);
    }

    /// <summary>
    /// Whether least-busy counts each replica's load itself from <see cref="Held"/> (the state's
    /// <see cref="IReplicaState.LoadCountsHolds"/>, a fleet too large to scan): then <see cref="Held"/>
    /// returns the replica's requests in flight.
    /// </summary>
    public bool CountsHolds => _held is not null;

    /// <summary>
    /// A request picked at <paramref name="now"/> (the last pick's moment) was held on replica
    /// <paramref name="replica"/> from then until <paramref name="until"/> (seconds): its load is one
    /// up until then. When the set counts holds (<see cref="CountsHolds"/>) least-busy counts it
    /// so, and at <paramref name="until"/> one down, without asking the router; otherwise this is
    /// <see cref="Refresh"/> now and <see cref="WakeAt"/> <paramref name="until"/>. Nothing to do
    /// when the picks need no load (<see cref="TracksLoad"/> false).
    /// </summary>
    /// <returns>
    /// When the set counts holds, the requests in flight on the replica at <paramref name="now"/>
    /// with this one: those held there before it that end after <paramref name="now"/>, plus one
    /// (a request held for no time included, though it is not counted on); otherwise −1.
    /// </returns>
    public int Held(int replica, double now, double until)
    {
        if (_levels is not { } levels)
        {
            return -1;
        }
        if (_held is { } held)
        {
            int inFlight = held[replica] + 1;
            if (until > now)
            {
                held[replica] = inFlight;
                levels.Set(replica, _state.EligibleAtLoad(replica, inFlight) ? inFlight : -1);
                _dueWakeUps!.Add(replica, until);
            }
            return inFlight;
        }
        Refresh(replica, now);
        WakeAt(replica, until);
        return -1;
    }

    /// <summary>Asks replica <paramref name="replica"/> again at the first pick at or after <paramref name="at"/> (seconds).</summary>
    public void WakeAt(int replica, double at)
    {
        if (_dueWakeUps is { } due)
        {
            due.Add(replica, at);
        }
        else if (_scan is null)
        {
            _wakeUps.Add(replica, at);
        }
    }

    /// <summary>How many replicas are eligible at <paramref name="now"/> (not before the last pick).</summary>
    public int Count(double now)
    {
        if (_scan is not null)
        {
            int eligible = 0;
            for (int r = 0; r < _replicas; r++)
            {
                eligible += _state.Eligible(r, now) ? 1 : 0;
            }
            return eligible;
        }
        WakeUntil(now);
        return _levels?.Count ?? _count; // least-busy's counted loads move replicas in and out of its levels only
    }

    /// <summary>
    /// A replica among those eligible at <paramref name="now"/>, or -1 when none is: simple-shuffle
    /// draws in proportion to weight, least-busy takes the smallest load, the lowest index on a tie.
    /// Calls come in non-decreasing <paramref name="now"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Pick(double now) => _scan is { } scan ? scan.Pick(new At(_state, now)) : PickKept(now);

    /// <summary><see cref="Pick"/> from the kept set (a call, so a scanned fleet's pick stays small enough to inline).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int PickKept(double now)
    {
        WakeUntil(now);
        if (_levels is { } levels)
        {
            return levels.LeastBusy();
        }
        if (_weightTree is { } sums)
        {
            double total = sums[1];
            if (_count == 0 || total <= 0)
            {
                return -1;
            }
            double u = NextDraw() * total;
            int node = 1;
            while (node < _leaves)
            {
                double left = sums[2 * node];
                if (u < left || sums[2 * node + 1] <= 0)
                {
                    node = 2 * node;
                }
                else
                {
                    u -= left;
                    node = 2 * node + 1;
                }
            }
            return node - _leaves;
        }
        if (_count == 0)
        {
            return -1;
        }
        double draw = NextDraw() * _count;
        return _members[Math.Min((int)draw, _count - 1)];
    }

    /// <summary>The router's answers at one moment, as the scan asks them.</summary>
    private readonly struct At(TState state, double now) : IReplicaView
    {
        public bool Eligible(int replica) => state.Eligible(replica, now);

        public int Load(int replica) => state.Load(replica, now);
    }

    private void WakeUntil(double now)
    {
        if (_dueWakeUps is { } due)
        {
            while (due.TryTakeDue(now, out int woken))
            {
                if (_held is { } held)
                {
                    // One of its requests has ended: one fewer in flight, and nothing else changed. An
                    // eligible replica stays so at a lower load; only a full one is asked again.
                    int load = --held[woken];
                    LoadLevels levels = _levels!;
                    levels.Set(woken, levels.LevelOf(woken) >= 0 || _state.EligibleAtLoad(woken, load) ? load : -1);
                    continue;
                }
                if (IsLiveWake(woken, now))
                {
                    Refresh(woken, now);
                    WakeAtNextChange(woken);
                }
            }
            return;
        }
        while (_wakeUps.TryTakeDue(now, out int replica))
        {
            if (IsLiveWake(replica, now))
            {
                Refresh(replica, now);
                WakeAtNextChange(replica);
            }
        }
    }

    /// <summary>
    /// Asks replica <paramref name="replica"/> again when the state says it next changes by itself
    /// (<see cref="IReplicaState.NextChange"/>), if it says; called after every look at a woken replica
    /// and by <see cref="Touched"/>.
    /// </summary>
    private void WakeAtNextChange(int replica)
    {
        if (!TState.ChangesByItself)
        {
            return;
        }
        double next = _state.NextChange(replica);
        double[] pending = _selfWake ??= NewSelfWakes(_replicas);
        if (double.IsNaN(next) || double.IsPositiveInfinity(next) || next == pending[replica])
        {
            return;
        }
        // One live wake-up a replica: an earlier one still queued is now stale and is dropped when it comes.
        pending[replica] = next;
        WakeAt(replica, next);
    }

    /// <summary>A woken replica's wake-up is the live one (not one a later touch replaced) once its time has come.</summary>
    private bool IsLiveWake(int replica, double now) =>
        !TState.ChangesByItself || _selfWake is not { } pending || pending[replica] <= now;

    private static double[] NewSelfWakes(int replicas)
    {
        var pending = new double[replicas];
        Array.Fill(pending, double.PositiveInfinity);
        return pending;
    }

    /// <summary>
    /// The router changed replica <paramref name="replica"/> at <paramref name="now"/> (a request joined
    /// it): looked at again now, and again when it next changes by itself.
    /// </summary>
    public void Touched(int replica, double now)
    {
        if (_scan is not null)
        {
            return;
        }
        Refresh(replica, now);
        WakeAtNextChange(replica);
    }

    private void SetWeight(int replica, double weight)
    {
        double[] sums = _weightTree!;
        int node = _leaves + replica;
        sums[node] = weight;
        for (node >>= 1; node >= 1; node >>= 1)
        {
            sums[node] = sums[2 * node] + sums[2 * node + 1];
        }
    }

    private static bool AllEqualAndPositive(IReadOnlyList<double> weights, int replicas)
    {
        if (weights.Count < replicas)
        {
            return false;
        }
        for (int r = 0; r < replicas; r++)
        {
            if (weights[r] != weights[0] || !(weights[0] > 0))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The routing stream's next uniform in [0, 1): the same draw whichever way it is reached.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double NextDraw() => _vector is { } vector ? vector.NextDouble() : _random.NextDouble();
}
