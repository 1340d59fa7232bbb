namespace FleetSim.Engine.Kernel;

/// <summary>
/// An entry on a <see cref="Simulation"/>'s timeline. The kernel's own types are the only kinds:
/// <see cref="ScheduledAction"/> for plain callbacks and the <see cref="Wait"/> family for processes.
/// </summary>
public abstract class Event
{
    private protected Event()
    {
    }

    /// <summary>Runs the entry when the clock reaches it.</summary>
    /// <returns>False when the entry was void (cancelled, or already settled) and did nothing.</returns>
    internal abstract bool Fire();
}
