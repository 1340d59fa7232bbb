namespace FleetSim.Engine.Kernel;

/// <summary>
/// A pool of identical slots (e.g. a replica's batch slots) with a FIFO queue. A request is granted at
/// once when a slot is free and nobody is queued, else it queues; each release hands the slot to the
/// longest-waiting request. <see cref="InUse"/> never exceeds <see cref="Capacity"/>.
/// </summary>
/// <remarks>
/// A slot or give up: <c>var r = pool.Request(patience); yield return r; if (!r.IsGranted) ...</c>.
/// The request is withdrawn from the queue when the patience runs out, and the wait ends either way.
/// </remarks>
public sealed class Resource
{
    private Request? head;
    private Request? tail;

    /// <summary>A resource with <paramref name="capacity"/> slots (at least one).</summary>
    public Resource(Simulation simulation, int capacity)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Simulation = simulation;
        Capacity = capacity;
    }

    /// <summary>The simulation this resource belongs to.</summary>
    public Simulation Simulation { get; }

    /// <summary>The number of slots.</summary>
    public int Capacity { get; }

    /// <summary>Slots held right now.</summary>
    public int InUse { get; private set; }

    /// <summary>Requests queued for a slot right now.</summary>
    public int QueueLength { get; private set; }

    /// <summary>Asks for a slot, waiting as long as it takes.</summary>
    public Request Request() => Request(double.PositiveInfinity);

    /// <summary>
    /// Asks for a slot, waiting at most <paramref name="patience"/> seconds in the queue; after that
    /// the request is withdrawn and its wait ends ungranted. Infinity waits forever.
    /// </summary>
    public Request Request(double patience)
    {
        if (!(patience >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(patience), patience, "patience must be zero or more seconds");
        }
        var request = new Request(this);
        if (InUse < Capacity)
        {
            Grant(request);
            return request;
        }
        Append(request);
        if (!double.IsPositiveInfinity(patience))
        {
            request.WaitAtMost(Simulation.Timeout(patience));
        }
        return request;
    }

    /// <summary>
    /// Gives a request up: a held slot goes to the next queued request; a queued request leaves the
    /// queue (its wait ends ungranted). Releasing an already released or withdrawn request does nothing.
    /// </summary>
    public void Release(Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ReferenceEquals(request.Resource, this))
        {
            throw new ArgumentException("the request belongs to another resource", nameof(request));
        }
        if (request.State == RequestState.Queued)
        {
            Withdraw(request);
            request.Trigger();
        }
        else if (request.State == RequestState.Granted)
        {
            request.State = RequestState.Released;
            InUse--;
            while (InUse < Capacity && head is not null)
            {
                Request next = head;
                Unlink(next);
                Grant(next);
            }
        }
    }

    /// <summary>Takes a queued request out of the queue, ungranted; the caller ends its wait.</summary>
    internal void Withdraw(Request request)
    {
        Unlink(request);
        request.State = RequestState.Withdrawn;
        request.DropPatience();
    }

    private void Grant(Request request)
    {
        InUse++;
        request.State = RequestState.Granted;
        request.DropPatience();
        request.Trigger();
    }

    private void Append(Request request)
    {
        request.Previous = tail;
        if (tail is null)
        {
            head = request;
        }
        else
        {
            tail.Next = request;
        }
        tail = request;
        QueueLength++;
    }

    private void Unlink(Request request)
    {
        if (request.Previous is null)
        {
            head = request.Next;
        }
        else
        {
            request.Previous.Next = request.Next;
        }
        if (request.Next is null)
        {
            tail = request.Previous;
        }
        else
        {
            request.Next.Previous = request.Previous;
        }
        request.Previous = null;
        request.Next = null;
        QueueLength--;
    }
}
