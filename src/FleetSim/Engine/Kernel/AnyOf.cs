namespace FleetSim.Engine.Kernel;

/// <summary>
/// A wait that is done as soon as the first of several waits is done; made by
/// <see cref="Simulation.AnyOf"/>. <see cref="First"/> tells which one it was.
/// </summary>
/// <remarks>
/// The others are left as they are: a <see cref="Request"/> that lost to a timeout is still queued
/// and must be given back with <see cref="Resource.Release"/>. For "a slot, or give up after t",
/// <see cref="Resource.Request(double)"/> with a patience does that bookkeeping itself.
/// </remarks>
public sealed class AnyOf : Wait
{
    private readonly Wait[] waits;

    internal AnyOf(Simulation simulation, Wait[] waits)
        : base(simulation)
    {
        this.waits = waits;
        foreach (Wait wait in waits)
        {
            if (wait.IsDone)
            {
                First = wait;
                Complete();
                return;
            }
        }
        foreach (Wait wait in waits)
        {
            wait.AddWaiter(this);
        }
    }

    /// <summary>The wait that finished first; null until this is done.</summary>
    public Wait? First { get; private set; }

    internal override void OnDone(Wait done)
    {
        if (IsDone)
        {
            return;
        }
        First = done;
        foreach (Wait wait in waits)
        {
            if (!ReferenceEquals(wait, done))
            {
                wait.RemoveWaiter(this);
            }
        }
        Complete();
    }

    internal override void Abandon()
    {
        if (IsDone)
        {
            return;
        }
        foreach (Wait wait in waits)
        {
            wait.RemoveWaiter(this);
            if (!wait.HasWaiters)
            {
                wait.Abandon();
            }
        }
    }
}
