namespace FleetSim.Engine.Kernel;

/// <summary>
/// A callback due at a fixed time, returned by <see cref="Simulation.Schedule"/>. Cancelling it before
/// it fires means it never fires; cancelling twice, or after it fired, does nothing.
/// </summary>
public sealed class ScheduledAction : Event
{
    private Action? action;

    internal ScheduledAction(Action action, double time)
    {
        this.action = action;
        Time = time;
    }

    /// <summary>The simulation time (seconds) at which the action runs.</summary>
    public double Time { get; }

    /// <summary>True once cancelled before firing.</summary>
    public bool IsCancelled { get; private set; }

    /// <summary>True once the action has run.</summary>
    public bool HasFired { get; private set; }

    /// <summary>Stops the action from running, if it has not run yet.</summary>
    public void Cancel()
    {
        if (HasFired)
        {
            return;
        }
        IsCancelled = true;
        action = null;
    }

    internal override bool Fire()
    {
        Action? run = action;
        if (run is null)
        {
            return false;
        }
        action = null;
        HasFired = true;
        run();
        return true;
    }
}
