namespace FleetSim.Engine.Kernel;

/// <summary>
/// A process: an iterator body that <c>yield return</c>s the <see cref="Wait"/>s it waits for, made by
/// <see cref="Simulation.Start"/>. The body first runs at the time it was started (after the entries
/// already due then); each yield suspends it until that wait is done. A process is itself a wait:
/// yielding one waits for it to finish (normally or cancelled).
/// </summary>
/// <remarks>
/// <see cref="Cancel"/> stops the process for good. If it was waiting for a resource slot, the request
/// leaves the queue (a slot granted but not yet handed over is given back). The body's enumerator is
/// disposed, which runs its pending <c>finally</c> blocks: release held slots there. An exception
/// thrown by the body propagates out of <see cref="Simulation.Run()"/>.
/// </remarks>
public sealed class Process : Wait
{
    private readonly IEnumerator<Wait> body;
    private Wait? awaited;
    private bool started;
    private bool stepping;
    private bool cancelRequested;

    internal Process(Simulation simulation, IEnumerable<Wait> body)
        : base(simulation)
    {
        this.body = body.GetEnumerator();
    }

    /// <summary>True once the body has ended, returned or cancelled.</summary>
    public bool IsFinished { get; private set; }

    /// <summary>True if the process was stopped by <see cref="Cancel"/>.</summary>
    public bool IsCancelled { get; private set; }

    /// <summary>
    /// Stops the process; harmless if it has already finished. Called from the process's own body,
    /// it takes effect at the body's next <c>yield</c>.
    /// </summary>
    public void Cancel()
    {
        if (IsFinished)
        {
            return;
        }
        if (stepping)
        {
            cancelRequested = true;
            return;
        }
        Stop(cancelled: true);
    }

    /// <summary>The first entry starts the body; a later one (if any) announces its end.</summary>
    internal override bool Fire()
    {
        if (started)
        {
            return base.Fire();
        }
        started = true;
        if (IsFinished)
        {
            return false;
        }
        Step();
        return true;
    }

    internal override void OnDone(Wait done)
    {
        if (!ReferenceEquals(done, awaited))
        {
            return;
        }
        awaited = null;
        Step();
    }

    private void Step()
    {
        stepping = true;
        try
        {
            while (body.MoveNext() && !cancelRequested)
            {
                Wait next = body.Current ?? throw new InvalidOperationException("a process yielded null");
                if (!ReferenceEquals(next.Simulation, Simulation))
                {
                    throw new InvalidOperationException("a process yielded a wait from another simulation");
                }
                if (!next.IsDone)
                {
                    awaited = next;
                    next.AddWaiter(this);
                    return;
                }
            }
        }
        catch
        {
            IsFinished = true;
            throw;
        }
        finally
        {
            stepping = false;
        }
        Stop(cancelRequested);
    }

    private void Stop(bool cancelled)
    {
        IsFinished = true;
        IsCancelled = cancelled;
        Wait? left = awaited;
        awaited = null;
        if (left is not null)
        {
            left.RemoveWaiter(this);
            if (!left.HasWaiters)
            {
                left.Abandon();
            }
        }
        body.Dispose();
        Trigger();
    }
}
