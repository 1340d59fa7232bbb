namespace FleetSim.Engine;

/// <summary>A router mode asked of the minute engine that only the request engine can run.</summary>
public sealed class NoMinuteFormException(string message) : Exception(message);
