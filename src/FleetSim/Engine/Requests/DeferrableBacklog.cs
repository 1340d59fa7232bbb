using FleetSim.Routing.Requests;

namespace FleetSim.Engine.Requests;

/// <summary>
/// Deferrable requests on the request engine: held earliest deadline first and run on the fleet's slots that the
/// router's (interactive) requests leave idle, each at one slot's pace; an interactive request that finds no idle
/// slot takes one from the running deferred request with the latest deadline, which keeps its remaining tokens and
/// returns to the backlog (preempt-resume). What is still held when its deadline comes goes to the API's batch tier
/// with its remaining tokens, and so does what is held when the horizon ends. Tokens in processed tokens, times in
/// seconds.
/// </summary>
/// <remarks>
/// <para>
/// The rule is the one <see cref="Deferral.ClassedMinutes"/> states for the minute engine: deferred work runs at a
/// lower priority and the router counts only interactive requests, so the interactive requests see exactly the
/// router they see without classes, and the deferred work gets the idle slot-time. At every instant the running
/// deferred requests are the min(k, H) of the H held ones with the earliest deadlines (ties: the earlier arrival,
/// then the class listed first), k being the slots no interactive request holds: preemptive earliest deadline first
/// on k(t) identical servers. A request of P tokens needs P·c/R slot-seconds (<see cref="ServiceTime"/>), as an
/// interactive one does. The fleet's idle slots are one pool for this work: a preempted request resumes on any idle
/// slot at once and for free (the cost of a preemption, a prefill recomputed or a KV cache swapped, is not modelled).
/// </para>
/// <para>
/// By construction no token is served after its deadline: a request still running then is stopped there.
/// <see cref="LateTokens"/> counts tokens served after their deadline all the same, as a check (0 in every run).
/// </para>
/// <para>
/// The slot intervals of the router's requests come through <see cref="Held"/> in the order the router settles them;
/// each starts no earlier than the arrival that settled it, so the backlog is advanced (<see cref="AdvanceTo"/>) to
/// each arrival before the router sees it, and the changes of k are replayed in time order from two heaps (the slots
/// freed and taken at one instant together, so a hand-over between two interactive requests preempts nothing). Each class's requests share one window, so a class's deadline order is its arrival
/// order: each class is a line in arrival order whose running requests are its first ones.
/// </para>
/// </remarks>
public sealed class DeferrableBacklog : ISlotWatcher
{
    private readonly double[] _windows;
    private readonly HeldLine[] _lines;
    private readonly int _slots;
    private readonly double _secondsPerToken;
    private readonly InFlightRecorder? _inFlight;
    private readonly PriorityQueue<long, double> _finishes = new();
    private readonly PriorityQueue<byte, double> _slotsFree = new(), _slotsTaken = new();
    private int _busy, _running;
    private double _clock;

    /// <param name="windowsSeconds">Each deferrable class's deadline, seconds after a request's arrival (&gt; 0); at most 16 classes.</param>
    /// <param name="slots">The fleet's slots, replicas × max_in_flight (≥ 0).</param>
    /// <param name="secondsPerToken">Seconds one slot takes per processed token, c/R (<see cref="ServiceTime.Seconds"/>).</param>
    /// <param name="inFlight">Where the deferred requests' slot-time is recorded (the run's utilization), or null.</param>
    public DeferrableBacklog(IReadOnlyList<double> windowsSeconds, int slots, double secondsPerToken, InFlightRecorder? inFlight = null)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(windowsSeconds.Count, 16);
        ArgumentOutOfRangeException.ThrowIfNegative(slots);
        _windows = [.. windowsSeconds];
        _lines = [.. _windows.Select(_ => new HeldLine())];
        _slots = slots;
        _secondsPerToken = secondsPerToken;
        _inFlight = inFlight;
        int k = _windows.Length;
        Demand = new double[k];
        Requests = new long[k];
        Served = new double[k];
        BatchAtDeadline = new double[k];
        BatchAtHorizonEnd = new double[k];
    }

    /// <summary>Processed tokens of each class's requests that arrived.</summary>
    public double[] Demand { get; }

    /// <summary>Each class's requests that arrived.</summary>
    public long[] Requests { get; }

    /// <summary>Tokens of each class the fleet served before their deadline (and before the horizon's end).</summary>
    public double[] Served { get; }

    /// <summary>Tokens of each class sent to the batch tier because their deadline came while they were held.</summary>
    public double[] BatchAtDeadline { get; }

    /// <summary>Tokens of each class sent to the batch tier because the horizon ended while they were held (their deadline had not come).</summary>
    public double[] BatchAtHorizonEnd { get; }

    /// <summary>Times a running deferred request gave its slot to an interactive request (or to an earlier deadline).</summary>
    public long Preemptions { get; private set; }

    /// <summary>Requests whose deadline came while they were held (some or all of their tokens to the batch tier).</summary>
    public long Expired { get; private set; }

    /// <summary>Tokens served after their deadline: 0 by construction (see the remarks), counted as a check.</summary>
    public double LateTokens { get; private set; }

    /// <summary>The instant the backlog has been advanced to (seconds).</summary>
    public double Clock => _clock;

    /// <summary>Slots no interactive request holds at <see cref="Clock"/>.</summary>
    public int IdleSlots => Math.Max(0, _slots - _busy);

    /// <summary>Deferred requests running at <see cref="Clock"/>.</summary>
    public int Running => _running;

    /// <summary>An interactive request holds a slot from <paramref name="start"/> to <paramref name="end"/> (start ≥ <see cref="Clock"/>; an earlier start is taken as <see cref="Clock"/>).</summary>
    public void Held(double start, double end)
    {
        if (start <= _clock)
        {
            Take();
        }
        else
        {
            _slotsTaken.Enqueue(0, start);
        }
        _slotsFree.Enqueue(0, end);
    }

    /// <summary>A request of <paramref name="tokens"/> of deferrable class <paramref name="cls"/> arrives at <paramref name="now"/> (≥ <see cref="Clock"/>).</summary>
    public void Arrive(double now, int cls, double tokens)
    {
        AdvanceTo(now);
        Demand[cls] += tokens;
        Requests[cls]++;
        HeldLine line = _lines[cls];
        line.Add(new HeldRequest { Remaining = tokens, Deadline = now + _windows[cls] });
        Dispatch();
        // Preemptive EDF among the deferred: an earlier deadline than a running one's takes its slot.
        while (_running > 0 && EarliestWaiting(out double waiting) >= 0 && LatestRunning(out double running) is var c && c >= 0 && waiting < running)
        {
            Preempt(c);
            Dispatch();
        }
    }

    /// <summary>Replays everything up to <paramref name="t"/> (finite): slots taken and freed, deferred requests finished, deadlines reached.</summary>
    public void AdvanceTo(double t)
    {
        while (true)
        {
            double finish = NextFinish(out long key);
            double deadline = NextDeadline(out int expiring);
            double freed = _slotsFree.TryPeek(out _, out double f) ? f : double.PositiveInfinity;
            double taken = _slotsTaken.TryPeek(out _, out double s) ? s : double.PositiveInfinity;
            double next = Math.Min(Math.Min(finish, deadline), Math.Min(freed, taken));
            if (next > t || double.IsPositiveInfinity(next))
            {
                break;
            }
            _clock = next;
            if (finish == next)
            {
                _finishes.Dequeue();
                Complete(key);
            }
            else if (deadline == next)
            {
                Expire(expiring);
            }
            else
            {
                // Every slot freed and taken at this instant at once, so a hand-over between two interactive requests moves nothing.
                while (_slotsFree.TryPeek(out _, out f) && f == next)
                {
                    _slotsFree.Dequeue();
                    _busy--;
                }
                while (_slotsTaken.TryPeek(out _, out s) && s == next)
                {
                    _slotsTaken.Dequeue();
                    _busy++;
                }
                Rebalance();
            }
        }
        _clock = Math.Max(_clock, t);
    }

    /// <summary>
    /// The horizon ends at <paramref name="end"/>: replays up to it, then stops every running request there and sends
    /// everything still held to the batch tier (<see cref="BatchAtHorizonEnd"/>).
    /// </summary>
    public void Finish(double end)
    {
        AdvanceTo(end);
        for (int c = 0; c < _lines.Length; c++)
        {
            HeldLine line = _lines[c];
            for (int i = line.Head; i < line.Count; i++)
            {
                ref HeldRequest h = ref line.Items[i];
                if (h.Done)
                {
                    continue;
                }
                if (h.Running)
                {
                    Stop(c, ref h);
                }
                BatchAtHorizonEnd[c] += h.Remaining;
                h.Done = true;
            }
            line.Head = line.RunEnd = line.Count;
            line.Running = 0;
        }
        _running = 0;
    }

    private void Take()
    {
        _busy++;
        Rebalance();
    }

    /// <summary>After the idle slots changed: the latest deadlines yield while more run than there are idle slots, else held requests start.</summary>
    private void Rebalance()
    {
        while (_running > IdleSlots)
        {
            Preempt(LatestRunning(out _));
        }
        Dispatch();
    }

    /// <summary>Starts held requests, earliest deadline first, while an idle slot is free of deferred work.</summary>
    private void Dispatch()
    {
        while (_running < IdleSlots)
        {
            int c = EarliestWaiting(out _);
            if (c < 0)
            {
                return;
            }
            HeldLine line = _lines[c];
            ref HeldRequest h = ref line.Items[line.RunEnd];
            h.Running = true;
            h.StartedAt = _clock;
            h.FinishAt = _clock + h.Remaining * _secondsPerToken;
            _finishes.Enqueue(Key(c, line.Base + line.RunEnd), h.FinishAt);
            line.RunEnd++;
            line.Running++;
            _running++;
        }
    }

    /// <summary>The class whose first waiting request has the earliest deadline (the class listed first on a tie), or −1.</summary>
    private int EarliestWaiting(out double deadline)
    {
        int pick = -1;
        deadline = double.PositiveInfinity;
        for (int c = 0; c < _lines.Length; c++)
        {
            HeldLine line = _lines[c];
            if (line.RunEnd < line.Count && line.Items[line.RunEnd].Deadline < deadline)
            {
                pick = c;
                deadline = line.Items[line.RunEnd].Deadline;
            }
        }
        return pick;
    }

    /// <summary>The class whose last running request has the latest deadline (the class listed last on a tie), or −1.</summary>
    private int LatestRunning(out double deadline)
    {
        int pick = -1;
        deadline = double.NegativeInfinity;
        for (int c = 0; c < _lines.Length; c++)
        {
            HeldLine line = _lines[c];
            if (line.Running > 0 && line.Items[line.LastRunning()].Deadline >= deadline)
            {
                pick = c;
                deadline = line.Items[line.LastRunning()].Deadline;
            }
        }
        return pick;
    }

    /// <summary>Class <paramref name="c"/>'s last running request gives up its slot and waits again, first in its class's line.</summary>
    private void Preempt(int c)
    {
        HeldLine line = _lines[c];
        int last = line.LastRunning();
        ref HeldRequest h = ref line.Items[last];
        Stop(c, ref h);
        // Entries between it and the boundary are done: move it next to the boundary, keeping the line's order.
        int boundary = line.RunEnd - 1;
        if (last != boundary)
        {
            line.Items[boundary] = h;
            line.Items[last] = new HeldRequest { Done = true };
        }
        line.RunEnd = boundary;
        line.Trim();
        Preemptions++;
    }

    /// <summary>Stops running request <paramref name="h"/> of class <paramref name="c"/> at the clock: the tokens done are served, the rest stays with it.</summary>
    private void Stop(int c, ref HeldRequest h)
    {
        double done = Math.Clamp((_clock - h.StartedAt) / _secondsPerToken, 0, h.Remaining);
        Served[c] += done;
        h.Remaining -= done;
        _inFlight?.Hold(h.StartedAt, _clock);
        h.Running = false;
        _lines[c].Running--;
        _running--;
    }

    private void Complete(long key)
    {
        int c = (int)(key & 15);
        HeldLine line = _lines[c];
        ref HeldRequest h = ref line.Items[(int)((key >> 4) - line.Base)];
        Served[c] += h.Remaining;
        if (_clock > h.Deadline)
        {
            LateTokens += h.Remaining;
        }
        _inFlight?.Hold(h.StartedAt, _clock);
        h.Remaining = 0;
        h.Running = false;
        h.Done = true;
        line.Running--;
        _running--;
        line.Trim();
        Dispatch();
    }

    private void Expire(int c)
    {
        HeldLine line = _lines[c];
        ref HeldRequest h = ref line.Items[line.Head];
        if (h.Running)
        {
            Stop(c, ref h);
        }
        BatchAtDeadline[c] += h.Remaining;
        h.Remaining = 0;
        h.Done = true;
        Expired++;
        line.Trim();
        Dispatch();
    }

    /// <summary>The earliest finish of a running request (its key in <paramref name="key"/>), dropping stale entries; +∞ for none.</summary>
    private double NextFinish(out long key)
    {
        while (_finishes.TryPeek(out key, out double at))
        {
            HeldLine line = _lines[(int)(key & 15)];
            long local = (key >> 4) - line.Base;
            if (local >= line.Head && local < line.Count && line.Items[local] is { Running: true } h && h.FinishAt == at)
            {
                return at;
            }
            _finishes.Dequeue();
        }
        key = 0;
        return double.PositiveInfinity;
    }

    /// <summary>The earliest deadline of a held request (its class in <paramref name="cls"/>); +∞ for none.</summary>
    private double NextDeadline(out int cls)
    {
        cls = -1;
        double earliest = double.PositiveInfinity;
        for (int c = 0; c < _lines.Length; c++)
        {
            HeldLine line = _lines[c];
            if (line.Head < line.Count && line.Items[line.Head].Deadline < earliest)
            {
                cls = c;
                earliest = line.Items[line.Head].Deadline;
            }
        }
        return earliest;
    }

    private static long Key(int cls, long index) => (index << 4) | (long)cls;
}
