namespace FleetSim.Scenario;

/// <summary>How many replicas the fleet runs.</summary>
public abstract record FleetSpec;

/// <summary>A fixed number of replicas, all month.</summary>
public sealed record StaticFleet(int Replicas) : FleetSpec;

/// <summary>The seed's rule: the largest replica count whose capacity fits under the traffic's trough hour.</summary>
public sealed record FloorFleet : FleetSpec;
