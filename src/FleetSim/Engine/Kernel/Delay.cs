namespace FleetSim.Engine.Kernel;

/// <summary>
/// A wait that is done when the clock reaches <see cref="Time"/>; made by
/// <see cref="Simulation.Timeout"/>. Waiters resume in the order they started waiting.
/// </summary>
public sealed class Delay : Wait
{
    private bool cancelled;

    internal Delay(Simulation simulation, double time)
        : base(simulation)
    {
        Time = time;
        simulation.Enqueue(this, time);
    }

    /// <summary>The simulation time (seconds) at which the delay ends.</summary>
    public double Time { get; }

    /// <summary>Voids the delay (used for a request's patience once it no longer matters).</summary>
    internal void Cancel() => cancelled = true;

    internal override bool Fire() => !cancelled && base.Fire();
}
