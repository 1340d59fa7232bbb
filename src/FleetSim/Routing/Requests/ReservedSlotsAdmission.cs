namespace FleetSim.Routing.Requests;

/// <summary>
/// The spill router with reserved slots (trunk reservation): a request of class i takes a free slot on any replica
/// only while fewer than S − rᵢ of the fleet's S slots are busy, else it goes to the API at once. With every rᵢ = 0
/// this is the spill router's own rule. Its minute form is <see cref="ReservedSlotsLoss"/>.
/// </summary>
/// <remarks>
/// The fleet's busy slots are counted from one min-heap of the requests' ends (O(log S) a request), since the
/// reservation is on the whole fleet; which free replica takes the request is the router's strategy, as in spill.
/// </remarks>
public sealed class ReservedSlotsAdmission : ClassAdmission
{
    private readonly int[] _reserved;
    private readonly PriorityQueue<double, double> _ends = new();
    private readonly EligibleReplicas<FreeSlots> _eligible;
    private readonly int _slots;

    /// <param name="fleet">The run's fleet of slot replicas.</param>
    /// <param name="reserved">rᵢ per class (<see cref="Scenario.TrafficClasses.ReservedAbove"/>), in the scenario's order.</param>
    public ReservedSlotsAdmission(RequestFleet fleet, int[] reserved)
        : base(fleet, reserved.Length)
    {
        if (fleet.Shared is not null)
        {
            throw new ArgumentException("reserved slots are modelled on slot replicas, not on a shared measured curve", nameof(fleet));
        }
        _reserved = reserved;
        _slots = fleet.Replicas * fleet.SlotsPerReplica;
        _eligible = fleet.Eligible(new FreeSlots(fleet.SlotTable));
    }

    /// <inheritdoc/>
    protected override void Admit(double now, double tokens, int trafficClass)
    {
        while (_ends.TryPeek(out double end, out _) && end <= now)
        {
            _ends.Dequeue();
        }
        int r = _ends.Count < _slots - _reserved[trafficClass] ? _eligible.Pick(now) : -1;
        if (r < 0)
        {
            Ledger.ToApi(now, tokens);
            return;
        }
        double until = StartNow(_eligible, r, now, tokens);
        _ends.Enqueue(until, until);
        SelfHostedTokens[trafficClass] += tokens;
    }
}
