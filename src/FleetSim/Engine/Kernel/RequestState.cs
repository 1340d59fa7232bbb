namespace FleetSim.Engine.Kernel;

/// <summary>Where a <see cref="Request"/> stands with its resource.</summary>
public enum RequestState
{
    /// <summary>In the resource's FIFO queue, waiting for a slot.</summary>
    Queued,

    /// <summary>Holding a slot.</summary>
    Granted,

    /// <summary>Held a slot and gave it back.</summary>
    Released,

    /// <summary>Left the queue without a slot: released while queued, patience ran out, or its process was cancelled.</summary>
    Withdrawn,
}
