namespace FleetSim.Traffic.Traces;

/// <summary>
/// Reads any supported trace as a stream of requests in file order, in constant memory.
/// (Implemented by the readers under Readers/.)
/// </summary>
public static partial class TraceReader
{
}
