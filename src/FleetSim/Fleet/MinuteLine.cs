using System.Runtime.CompilerServices;

namespace FleetSim.Fleet;

/// <summary>
/// Items (a pool's leases, by their number in its <see cref="LeaseBook"/>) kept in the order of a minute
/// (when each becomes ready, or when it became empty), taken from either end: a pool's booting, spare and
/// empty nodes. An item joins after every item whose minute is not later than its own, so equal minutes
/// keep the order they joined in. Taking the first or the last costs the same however many wait, where a
/// list shifts every item behind the first: a fleet that asks for thousands of nodes at once sees each of
/// them become ready in turn. <see cref="LeaseLine"/> is this line of <see cref="NodeLease"/> objects.
/// </summary>
internal sealed class MinuteLine<T>
{
    private (T Item, double Minute)[] _items = new (T, double)[8];
    private int _head, _count;

    /// <summary>Items waiting.</summary>
    public int Count => _count;

    /// <summary>The item with the earliest minute (the first to join among equals). The line must not be empty.</summary>
    public (T Item, double Minute) First => _count > 0 ? _items[_head] : throw Empty();

    /// <summary>The item with the latest minute (the last to join among equals). The line must not be empty.</summary>
    public (T Item, double Minute) Last => _count > 0 ? _items[_head + _count - 1] : throw Empty();

    /// <summary>The <paramref name="index"/>-th item in order, from 0.</summary>
    public (T Item, double Minute) this[int index] =>
        (uint)index < (uint)_count ? _items[_head + index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Adds <paramref name="item"/> at <paramref name="minute"/>, after every item whose minute is not later.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: a CLI run calls it once
    public void Add(T item, double minute)
    {
        if (_head + _count == _items.Length)
        {
            MakeRoom();
        }
        int end = _head + _count;
        int at = end;
        while (at > _head && _items[at - 1].Minute > minute)
        {
            at--;
        }
        Array.Copy(_items, at, _items, at + 1, end - at);
        _items[at] = (item, minute);
        _count++;
    }

    /// <summary>Takes the first item off the line.</summary>
    public T RemoveFirst()
    {
        T item = First.Item;
        _items[_head] = default;
        _head++;
        _count--;
        if (_count == 0)
        {
            _head = 0;
        }
        return item;
    }

    /// <summary>Takes the last item off the line.</summary>
    public T RemoveLast()
    {
        T item = Last.Item;
        _items[_head + _count - 1] = default;
        _count--;
        if (_count == 0)
        {
            _head = 0;
        }
        return item;
    }

    /// <summary>Room at the back: slide the items to the front when half the array lies before them, else double it.</summary>
    private void MakeRoom()
    {
        if (_head >= _items.Length / 2)
        {
            Array.Copy(_items, _head, _items, 0, _count);
            Array.Clear(_items, _count, _head);
        }
        else
        {
            var bigger = new (T, double)[_items.Length * 2];
            Array.Copy(_items, _head, bigger, 0, _count);
            _items = bigger;
        }
        _head = 0;
    }

    private static InvalidOperationException Empty() => new("nothing is waiting");
}
