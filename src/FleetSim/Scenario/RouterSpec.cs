namespace FleetSim.Scenario;

/// <summary>How the router splits traffic between the self-hosted replicas and the API.</summary>
public enum RouterMode
{
    /// <summary>served = min(demand, capacity): the seed's spreadsheet arithmetic.</summary>
    Fluid,

    /// <summary>A request is admitted only while a slot is free, else it goes to the API at once (Erlang-B loss).</summary>
    Spill,
}

public sealed record RouterSpec(RouterMode Mode);
