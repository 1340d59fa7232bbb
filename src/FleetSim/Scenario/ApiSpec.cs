using FleetSim.Units;

namespace FleetSim.Scenario;

/// <summary>The paid API that takes whatever the fleet does not serve.</summary>
/// <param name="Price">Blended price per million processed tokens.</param>
public sealed record ApiSpec(UsdPerMillionTokens Price);
