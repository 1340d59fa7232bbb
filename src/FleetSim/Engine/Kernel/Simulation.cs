namespace FleetSim.Engine.Kernel;

/// <summary>
/// A discrete-event simulation: a clock and a timeline of entries ordered by (time, scheduling order).
/// Entries due at the same time fire in the order they were scheduled, so a run is deterministic.
/// </summary>
/// <remarks>
/// Work is expressed either as callbacks (<see cref="Schedule"/>) or as processes (<see cref="Start"/>):
/// iterator bodies that yield <see cref="Timeout"/>s, <see cref="Request"/>s, other
/// <see cref="Process"/>es or <see cref="AnyOf"/>. Single-threaded; not to be run re-entrantly.
/// </remarks>
public sealed class Simulation
{
    private readonly PriorityQueue<Event, EventOrder> timeline = new();
    private long sequence;
    private bool running;

    /// <summary>The clock, in seconds; starts at zero.</summary>
    public double Now { get; private set; }

    /// <summary>Entries that fired so far (cancelled ones not counted); for benchmarks.</summary>
    public long EventsProcessed { get; private set; }

    /// <summary>When the next entry on the timeline is due (a cancelled one included); +∞ with none.</summary>
    public double NextTime => timeline.TryPeek(out _, out EventOrder at) ? at.Time : double.PositiveInfinity;

    /// <summary>Entries on the timeline, including cancelled ones not reached yet.</summary>
    public int PendingEvents => timeline.Count;

    /// <summary>Runs <paramref name="action"/> after <paramref name="delay"/> seconds, unless cancelled.</summary>
    public ScheduledAction Schedule(double delay, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var scheduled = new ScheduledAction(action, Now + CheckDelay(delay, nameof(delay)));
        Enqueue(scheduled, scheduled.Time);
        return scheduled;
    }

    /// <summary>A wait that ends <paramref name="seconds"/> from now (zero: after the entries already due now).</summary>
    public Delay Timeout(double seconds) => new(this, Now + CheckDelay(seconds, nameof(seconds)));

    /// <summary>Starts a process; its body first runs at the current time, after the entries already due now.</summary>
    public Process Start(IEnumerable<Wait> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var process = new Process(this, body);
        Enqueue(process, Now);
        return process;
    }

    /// <summary>A wait that ends when the first of <paramref name="waits"/> ends; the others are left as they are.</summary>
    public AnyOf AnyOf(params Wait[] waits)
    {
        ArgumentNullException.ThrowIfNull(waits);
        if (waits.Length == 0)
        {
            throw new ArgumentException("AnyOf needs at least one wait", nameof(waits));
        }
        foreach (Wait wait in waits)
        {
            if (wait is null || !ReferenceEquals(wait.Simulation, this))
            {
                throw new ArgumentException("every wait must be non-null and belong to this simulation", nameof(waits));
            }
        }
        return new AnyOf(this, waits);
    }

    /// <summary>Runs until the timeline is empty; the clock stays at the last entry's time.</summary>
    public void Run()
    {
        BeginRun();
        try
        {
            while (timeline.TryDequeue(out Event? next, out EventOrder at))
            {
                Now = at.Time;
                if (next.Fire())
                {
                    EventsProcessed++;
                }
            }
        }
        finally
        {
            running = false;
        }
    }

    /// <summary>
    /// Runs the entries due before <paramref name="until"/> and sets the clock to it. Entries due at
    /// exactly <paramref name="until"/> or later stay for a later run.
    /// </summary>
    public void Run(double until)
    {
        if (!double.IsFinite(until) || until < Now)
        {
            throw new ArgumentOutOfRangeException(nameof(until), until, "until must be finite and not before Now");
        }
        BeginRun();
        try
        {
            while (timeline.TryPeek(out Event? next, out EventOrder at) && at.Time < until)
            {
                timeline.Dequeue();
                Now = at.Time;
                if (next.Fire())
                {
                    EventsProcessed++;
                }
            }
            Now = until;
        }
        finally
        {
            running = false;
        }
    }

    /// <summary>
    /// Fires the next entry if it is due before <paramref name="before"/> (a cancelled one is just
    /// dropped), moving the clock to it; for callers that interleave clocks of their own with the timeline.
    /// </summary>
    /// <returns>Whether an entry was taken off the timeline.</returns>
    public bool Step(double before)
    {
        if (!timeline.TryPeek(out Event? next, out EventOrder at) || at.Time >= before)
        {
            return false;
        }
        BeginRun();
        try
        {
            timeline.Dequeue();
            Now = at.Time;
            if (next.Fire())
            {
                EventsProcessed++;
            }
        }
        finally
        {
            running = false;
        }
        return true;
    }

    internal void Enqueue(Event entry, double time) => timeline.Enqueue(entry, new EventOrder(time, sequence++));

    private void BeginRun()
    {
        if (running)
        {
            throw new InvalidOperationException("the simulation is already running");
        }
        running = true;
    }

    private static double CheckDelay(double delay, string name)
    {
        if (!(delay >= 0) || double.IsInfinity(delay))
        {
            throw new ArgumentOutOfRangeException(name, delay, "a delay must be a finite number of seconds, zero or more");
        }
        return delay;
    }
}
