using FleetSim.Scenario;

namespace FleetSim.Routing.Requests;

/// <summary>
/// One replica that serves its requests in flight together, at the rate its throughput curve gives
/// for how many there are: processor sharing with a state-dependent rate, R(n) processed tok/s for
/// the replica and R(n)/n for each of its n requests, up to c = max_in_flight at once.
/// </summary>
/// <remarks>
/// <para>
/// All requests in flight progress at the same speed, so it is enough to follow one number, the
/// tokens each has received since time 0 if it had been in flight all along (the virtual time V,
/// dV/dt = R(n)/n). A request of P tokens that starts when V = v finishes when V reaches v + P,
/// so the order in which requests finish is fixed at their start (a min-heap on v + P) and only
/// the wall-clock moment of the next finish moves as requests come and go. Nothing is scheduled:
/// <see cref="Advance"/> replays the finishes up to a moment when someone looks, each in
/// O(log n), and hands each finished request to the ledger then (its latency is known only when
/// it ends).
/// </para>
/// <para>
/// A request that finds the replica full may wait for it (<see cref="Wait"/>, the queue router):
/// FIFO, it starts when the request ahead of it in line has a place. While anyone waits the replica
/// is full, so V runs at the constant R(c)/c, and the line is c servers in virtual time: each place
/// frees at the virtual finish of whoever holds it, and the next in line takes the earliest
/// (Kiefer–Wolfowitz). A waiting request's start, and so its wait, is therefore known when it arrives.
/// </para>
/// <para>
/// A request in service may also be taken out before it finishes (<see cref="Abort"/>, LiteLLM's
/// call timeout): it leaves the heap, and from that moment the others share the pace among one
/// fewer, R(n − 1)/(n − 1) each, which is simply the rate V runs at from then on. The tokens it was
/// processed are spent slot-time (<see cref="RequestLedger.WastedShared"/>). A replica that aborts
/// keeps no line of its own (its router keeps the line, and starts the next request itself).
/// </para>
/// <para>
/// With the straight line R(n) = n·R/c each request runs at R/c whatever n, the slot model of
/// <see cref="ServiceTime"/>; <see cref="ServerBank"/> serves that case without replaying finishes.
/// </para>
/// </remarks>
public sealed class SharedReplica
{
    private readonly double[] _perRequest; // R(n)/n for n = 1 … c; [0] unused
    private readonly double _fullRate;     // R(c)
    private readonly int _slots;
    private readonly RequestLedger _ledger;
    private readonly PriorityQueue<int, double> _finishes = new();
    private InFlight[] _requests = new InFlight[8];
    private int[] _free = new int[8];
    private uint[] _generation = new uint[8]; // each id's current use, so a stale handle finds its request gone
    private int _freeCount;
    private int _used;
    private double _clock;
    private double _virtual;
    private double _virtualAtEnd = double.NaN; // V when the horizon ended, once the clock has passed it
    private readonly PriorityQueue<int, double> _places = new(); // with anyone waiting: each place's virtual free time
    private readonly Queue<Waiting> _line = new();                // waiting requests, FIFO, each with its virtual start
    private int _placeIds;

    /// <param name="curve">R(0 … c), processed tok/s of the replica by requests in flight.</param>
    /// <param name="ledger">Where each request goes when it finishes.</param>
    public SharedReplica(ThroughputCurve curve, RequestLedger ledger)
    {
        _slots = curve.MaxInFlight;
        _perRequest = new double[_slots + 1];
        for (int n = 1; n <= _slots; n++)
        {
            _perRequest[n] = curve.At(n) / n;
        }
        _fullRate = curve.At(_slots);
        _ledger = ledger;
    }

    /// <summary>
    /// The slowest any one request is ever served (processed tok/s): min over n of R(n)/n, so a request
    /// of P tokens that starts at t has finished by t + P / this whatever joins after it.
    /// </summary>
    public double SlowestPace
    {
        get
        {
            double slowest = double.PositiveInfinity;
            for (int n = 1; n <= _slots; n++)
            {
                slowest = Math.Min(slowest, _perRequest[n]);
            }
            return slowest;
        }
    }

    /// <summary>c, the most requests in flight at once.</summary>
    public int Slots => _slots;

    /// <summary>Requests in flight at <paramref name="now"/> (those that finished by then have left).</summary>
    public int InFlightAt(double now)
    {
        Advance(now);
        return _finishes.Count;
    }

    /// <summary>
    /// When the next request in flight finishes as things stand (seconds; +∞ when none is in flight):
    /// the next moment this replica's room or load changes unless a request joins first.
    /// </summary>
    public double NextFinish => _finishes.TryPeek(out _, out double finish)
        ? _clock + (finish - _virtual) / _perRequest[_finishes.Count]
        : double.PositiveInfinity;

    /// <summary>Whether a request arriving at <paramref name="now"/> finds room (fewer than c in flight).</summary>
    public bool HasRoom(double now) => InFlightAt(now) < _slots;

    /// <summary>
    /// When a request arriving at <paramref name="now"/> would start if it joined the line: now when
    /// there is room and no one waits, else when the place it would take frees (seconds).
    /// </summary>
    public double StartOf(double now)
    {
        Advance(now);
        if (_line.Count == 0 && _finishes.Count < _slots)
        {
            return now;
        }
        double startVirtual;
        if (_line.Count == 0)
        {
            _finishes.TryPeek(out _, out startVirtual);
        }
        else
        {
            _places.TryPeek(out _, out startVirtual);
        }
        return _clock + (startVirtual - _virtual) / _perRequest[_slots];
    }

    /// <summary>
    /// A request of <paramref name="tokens"/> that arrived at <paramref name="now"/> joins the line
    /// (the caller checked <see cref="StartOf"/> against its patience and the horizon): it starts at
    /// once if there is room, else when its place frees, and reaches the ledger when it finishes.
    /// </summary>
    /// <param name="firstTokenPerInFlight">Seconds from its start to its first token per request in flight then, itself included (prefill is shared); one that waited starts into a full replica.</param>
    public void Wait(double now, double tokens, double firstTokenPerInFlight)
    {
        Advance(now);
        if (_line.Count == 0 && _finishes.Count < _slots)
        {
            Start(now, now, tokens, firstTokenPerInFlight * (_finishes.Count + 1));
            return;
        }
        if (_line.Count == 0)
        {
            // The line forms: each place frees at its holder's virtual finish.
            _places.Clear();
            foreach (var (id, finish) in _finishes.UnorderedItems)
            {
                _places.Enqueue(id, finish);
            }
        }
        _places.TryDequeue(out _, out double startVirtual);
        int slot = _placeIds++;
        _places.Enqueue(slot, startVirtual + tokens);
        _line.Enqueue(new Waiting(now, tokens, startVirtual, firstTokenPerInFlight * _slots));
    }

    /// <summary>
    /// Starts a request of <paramref name="tokens"/> processed tokens that arrived at
    /// <paramref name="arrived"/> and starts at <paramref name="now"/> (the caller checked
    /// <see cref="HasRoom"/>); it reaches the ledger when it finishes.
    /// </summary>
    /// <param name="firstToken">Seconds from its start to its first token.</param>
    /// <returns>Requests in flight with it, itself included.</returns>
    public int Start(double now, double arrived, double tokens, double firstToken)
    {
        StartCall(now, arrived, tokens, firstToken);
        return _finishes.Count;
    }

    /// <summary>
    /// <see cref="Start"/>, returning a handle by which <see cref="Abort"/> can take the request out
    /// before it finishes (the handle of a request that has finished or been aborted names nothing).
    /// </summary>
    public long StartCall(double now, double arrived, double tokens, double firstToken)
    {
        Advance(now);
        int id = _freeCount > 0 ? _free[--_freeCount] : Grow();
        _requests[id] = new InFlight(tokens, arrived, now, firstToken, _virtual);
        _finishes.Enqueue(id, _virtual + tokens);
        return ((long)_generation[id] << 32) | (uint)id;
    }

    /// <summary>
    /// Aborts the request <paramref name="handle"/> names (from <see cref="StartCall"/>) at
    /// <paramref name="now"/> if it is still in service then: it leaves without reaching the ledger
    /// as served, the requests still in flight share the pace among one fewer from <paramref name="now"/>
    /// on, and the ledger counts the tokens it was processed, at the full batch's pace (c/R(c) seconds
    /// a token, as a finished request's slot-time), as spent slot-time from its start to <paramref name="now"/>.
    /// </summary>
    /// <returns>True if it was aborted; false if it had finished by <paramref name="now"/>.</returns>
    /// <exception cref="InvalidOperationException">The replica keeps a line (<see cref="Wait"/>), whose starts assume no request leaves early.</exception>
    public bool Abort(long handle, double now)
    {
        if (_line.Count > 0)
        {
            throw new InvalidOperationException("a shared replica with requests waiting in its own line cannot abort one in service");
        }
        Advance(now);
        int id = (int)(uint)handle;
        if (id >= _used || _generation[id] != (uint)(handle >> 32) || !_finishes.Remove(id, out _, out _))
        {
            return false;
        }
        InFlight r = _requests[id];
        Release(id);
        double processed = Math.Clamp(_virtual - r.VirtualStart, 0, r.Tokens);
        _ledger.WastedShared(r.Start, now, processed * _slots / _fullRate);
        return true;
    }

    /// <summary>
    /// Lets every request that finishes by <paramref name="now"/> finish, in order, each at its own
    /// moment, and moves the clock to <paramref name="now"/> (+∞ finishes them all).
    /// </summary>
    public void Advance(double now)
    {
        while (_finishes.TryPeek(out int id, out double finish))
        {
            double rate = _perRequest[_finishes.Count];
            double at = _clock + (finish - _virtual) / rate;
            if (at > now)
            {
                NoteHorizonEnd(now, rate);
                _virtual += (now - _clock) * rate;
                _clock = now;
                return;
            }
            NoteHorizonEnd(at, rate);
            _finishes.Dequeue();
            _clock = at;
            _virtual = finish;
            InFlight r = _requests[id];
            Release(id);
            // What it received after the horizon ended: all of it past V at the end (exact under sharing).
            double after = double.IsNaN(_virtualAtEnd) ? 0 : Math.Min(r.Tokens, finish - Math.Max(_virtualAtEnd, r.VirtualStart));
            // Its slot-time, counted at the full batch's pace (c/R(c) seconds a token), so the busy
            // share is the share of R(c) the replica delivered, as the minute engine counts it.
            _ledger.ServedShared(r.Tokens, r.Arrived, r.Start, at - r.Start, r.FirstToken, r.Tokens * _slots / _fullRate, Math.Max(0, after));
            // The place it held goes to the next in line (whose virtual start is this finish).
            while (_line.TryPeek(out Waiting w) && w.VirtualStart <= _virtual)
            {
                _line.Dequeue();
                int next = _freeCount > 0 ? _free[--_freeCount] : Grow();
                _requests[next] = new InFlight(w.Tokens, w.Arrived, at, w.FirstToken, _virtual);
                _finishes.Enqueue(next, _virtual + w.Tokens);
            }
        }
        NoteHorizonEnd(now, 0);
        _clock = Math.Max(_clock, now);
    }

    /// <summary>Records V at the horizon's end when the clock is about to pass it, moving at <paramref name="rate"/> per request until <paramref name="until"/>.</summary>
    private void NoteHorizonEnd(double until, double rate)
    {
        double end = _ledger.End;
        if (double.IsNaN(_virtualAtEnd) && until >= end)
        {
            _virtualAtEnd = _virtual + Math.Max(0, end - _clock) * rate;
        }
    }

    /// <summary>Id <paramref name="id"/> is free for the next request; handles to its last use name nothing now.</summary>
    private void Release(int id)
    {
        _generation[id]++;
        _free[_freeCount++] = id;
    }

    private int Grow()
    {
        int id = _used++;
        if (id == _requests.Length)
        {
            Array.Resize(ref _requests, 2 * id);
            Array.Resize(ref _free, 2 * id);
            Array.Resize(ref _generation, 2 * id);
        }
        return id;
    }

    private readonly record struct InFlight(double Tokens, double Arrived, double Start, double FirstToken, double VirtualStart);

    private readonly record struct Waiting(double Arrived, double Tokens, double VirtualStart, double FirstToken);
}
