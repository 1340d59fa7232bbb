namespace FleetSim.Engine.Kernel;

/// <summary>
/// Something a process can wait for: the process <c>yield return</c>s it and resumes once it is done.
/// A wait is done once and stays done; yielding a wait that is already done continues at once.
/// </summary>
/// <remarks>
/// A wait that ends because of something a process did (a slot granted on a release, a process
/// finishing) is not delivered inside that process's step: it goes on the timeline at the current
/// time, so its waiters resume after the entries already due now, in scheduling order. With nobody
/// waiting yet, it is simply marked done. Waiters resume in the order they started waiting.
/// </remarks>
public abstract class Wait : Event
{
    private Wait? firstWaiter;
    private List<Wait>? laterWaiters;
    private bool onTimeline;

    private protected Wait(Simulation simulation) => Simulation = simulation;

    /// <summary>The simulation this wait belongs to.</summary>
    public Simulation Simulation { get; }

    /// <summary>True once the wait is over: waiters have been (or are being) resumed.</summary>
    public bool IsDone { get; private set; }

    internal bool HasWaiters => firstWaiter is not null;

    internal void AddWaiter(Wait waiter)
    {
        if (firstWaiter is null)
        {
            firstWaiter = waiter;
            return;
        }
        (laterWaiters ??= []).Add(waiter);
    }

    internal void RemoveWaiter(Wait waiter)
    {
        if (ReferenceEquals(firstWaiter, waiter))
        {
            if (laterWaiters is { Count: > 0 })
            {
                firstWaiter = laterWaiters[0];
                laterWaiters.RemoveAt(0);
            }
            else
            {
                firstWaiter = null;
            }
            return;
        }
        laterWaiters?.Remove(waiter);
    }

    /// <summary>Called on a waiter when a wait it waits on is done.</summary>
    internal virtual void OnDone(Wait done)
    {
    }

    /// <summary>Called when the last waiter gave up (its process was cancelled) before this was done.</summary>
    internal virtual void Abandon()
    {
    }

    /// <summary>Ends the wait at the current time: now if nobody waits, else through the timeline.</summary>
    internal void Trigger()
    {
        if (IsDone || onTimeline)
        {
            return;
        }
        if (firstWaiter is null)
        {
            IsDone = true;
            return;
        }
        onTimeline = true;
        Simulation.Enqueue(this, Simulation.Now);
    }

    /// <summary>Ends the wait now and resumes its waiters in order.</summary>
    internal void Complete()
    {
        if (IsDone)
        {
            return;
        }
        IsDone = true;
        Wait? first = firstWaiter;
        List<Wait>? later = laterWaiters;
        firstWaiter = null;
        laterWaiters = null;
        first?.OnDone(this);
        if (later is null)
        {
            return;
        }
        for (int i = 0; i < later.Count; i++)
        {
            later[i].OnDone(this);
        }
    }

    internal override bool Fire()
    {
        onTimeline = false;
        if (IsDone)
        {
            return false;
        }
        Complete();
        return true;
    }
}
