namespace FleetSim.Engine.Kernel;

/// <summary>
/// A claim on one slot of a <see cref="Resource"/>, made by <see cref="Resource.Request()"/>. As a wait
/// it is done when it leaves the queue: granted a slot, or withdrawn. Check <see cref="IsGranted"/>
/// after waiting when a patience or a release could have withdrawn it.
/// </summary>
public sealed class Request : Wait
{
    private Delay? patience;

    internal Request(Resource resource)
        : base(resource.Simulation)
    {
        Resource = resource;
    }

    /// <summary>The resource the slot is asked of.</summary>
    public Resource Resource { get; }

    /// <summary>Queued, granted, released or withdrawn.</summary>
    public RequestState State { get; internal set; }

    /// <summary>True while the request holds a slot.</summary>
    public bool IsGranted => State == RequestState.Granted;

    /// <summary>The resource's queue links (intrusive, so queueing allocates nothing).</summary>
    internal Request? Previous { get; set; }

    internal Request? Next { get; set; }

    internal void WaitAtMost(Delay deadline)
    {
        patience = deadline;
        deadline.AddWaiter(this);
    }

    internal void DropPatience()
    {
        patience?.Cancel();
        patience = null;
    }

    /// <summary>The patience ran out: leave the queue if still in it.</summary>
    internal override void OnDone(Wait done)
    {
        if (!ReferenceEquals(done, patience))
        {
            return;
        }
        patience = null;
        if (State == RequestState.Queued)
        {
            Resource.Withdraw(this);
            Complete();
        }
    }

    /// <summary>Its process was cancelled while waiting for it: leave the queue, or hand back an unclaimed slot.</summary>
    internal override void Abandon()
    {
        if (State == RequestState.Queued || (State == RequestState.Granted && !IsDone))
        {
            Resource.Release(this);
        }
    }
}
