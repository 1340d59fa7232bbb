namespace FleetSim.Engine.Kernel;

/// <summary>
/// An entry's place on the timeline: its time, then the order in which it was scheduled, so entries
/// due at the same time fire first-scheduled, first-fired.
/// </summary>
internal readonly struct EventOrder(double time, long sequence) : IComparable<EventOrder>
{
    public double Time { get; } = time;

    public long Sequence { get; } = sequence;

    public int CompareTo(EventOrder other)
    {
        if (Time < other.Time)
        {
            return -1;
        }
        if (Time > other.Time)
        {
            return 1;
        }
        return Sequence.CompareTo(other.Sequence);
    }
}
