namespace FleetSim.Routing.Requests;

/// <summary>
/// A request a router must come back to at <see cref="At"/>: a retry after a timeout, or a hand-off
/// to the API once a queue's patience ran out. The engine returns it to the router in time order,
/// between arrivals.
/// </summary>
/// <param name="At">When (seconds).</param>
/// <param name="Tokens">Processed tokens of the request.</param>
/// <param name="Arrived">When the request first arrived (seconds).</param>
/// <param name="Attempt">Attempts made so far.</param>
/// <param name="Step">What the router does next; each router gives its own meanings.</param>
public readonly record struct PendingRequest(double At, double Tokens, double Arrived, int Attempt, int Step);
