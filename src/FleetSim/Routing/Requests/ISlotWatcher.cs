namespace FleetSim.Routing.Requests;

/// <summary>
/// Told of every slot interval the router's requests hold on the fleet (served requests and aborted attempts alike),
/// as the ledger records it: what a lower-priority user of the same slots (deferrable traffic classes) needs to
/// know of the slots the router's traffic leaves idle.
/// </summary>
/// <remarks>
/// Calls come in the order the router settles its requests, not in time order; each interval starts no earlier
/// than the arrival (or the return of a pending request) that settled it, so a watcher that has been advanced
/// only to the current arrival never hears of an interval that started before it.
/// </remarks>
public interface ISlotWatcher
{
    /// <summary>One slot is held from <paramref name="start"/> to <paramref name="end"/> (seconds, start &lt; end).</summary>
    void Held(double start, double end);
}
