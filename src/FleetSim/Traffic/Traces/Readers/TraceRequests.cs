using System.Collections;
using System.Runtime.CompilerServices;

namespace FleetSim.Traffic.Traces;

/// <summary>
/// The requests of one read of a trace, enumerated a batch at a time from <see cref="OrderedRows"/>. Written
/// out rather than as an iterator so the per-request step is fully optimized from the first call (a short
/// process reads millions of rows before the runtime would promote an iterator's code).
/// </summary>
internal sealed class TraceRequests(Func<OrderedRows> open) : IEnumerable<TraceRequest>
{
    public IEnumerator<TraceRequest> GetEnumerator() => new Enumerator(open);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed class Enumerator(Func<OrderedRows> open) : IEnumerator<TraceRequest>
    {
        private readonly TraceRequest[] _batch = new TraceRequest[1024];
        private OrderedRows? _rows;
        private int _count, _next;
        private bool _done;

        public TraceRequest Current { get; private set; }

        object IEnumerator.Current => Current;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool MoveNext()
        {
            if (_next < _count)
            {
                Current = _batch[_next++];
                return true;
            }
            if (_done) return false;
            _rows ??= open();
            _count = _rows.Fill(_batch);
            _next = 0;
            if (_count == 0)
            {
                _done = true;
                return false;
            }
            Current = _batch[_next++];
            return true;
        }

        public void Reset() => throw new NotSupportedException();

        public void Dispose() => _rows?.Dispose();
    }
}
