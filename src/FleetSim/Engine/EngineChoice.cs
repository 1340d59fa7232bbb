namespace FleetSim.Engine;

/// <summary>Which engine runs a scenario.</summary>
public enum EngineChoice
{
    /// <summary>The minute engine where the router has a minute form, else the request engine.</summary>
    Auto,

    /// <summary>Vectorized minutes: microseconds per month; routers in closed form.</summary>
    Minute,

    /// <summary>Every request on the event kernel: the reference, with latencies.</summary>
    Request,
}
