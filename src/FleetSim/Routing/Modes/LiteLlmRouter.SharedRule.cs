using FleetSim.Routing.Requests;
using FleetSim.Scenario;

namespace FleetSim.Routing.Modes;

internal sealed partial class LiteLlmRouter
{
    /// <summary>
    /// LiteLLM's rule on replicas that serve at their measured curve's pace (<see cref="SharedReplica"/>):
    /// a call passes its deployment's semaphore (FIFO, without bound, the timeout not yet running), then
    /// shares the replica with the requests in flight, R(n)/n each, or waits FIFO for one of its
    /// max_in_flight places; a call not done within <c>timeout</c> of passing the semaphore (its first
    /// token later than <c>stream_timeout</c> when streamed) is aborted then, wherever it is, and the
    /// requests left in flight speed up.
    /// </summary>
    /// <remarks>
    /// Unlike the slot model, a call's end is not known when it is made: later requests slow it. So
    /// the rule comes back at each call's deadline (<see cref="Kind.Deadline"/>: abort it if it is still
    /// waiting or in service, and fail it), and, while anyone waits at a replica, at that replica's next
    /// finish (<see cref="Kind.Wake"/>: the next in line starts, the next at the semaphore passes).
    /// A call that cannot run past its deadline even at the slowest pace of the curve gets no deadline.
    /// A call that would pass the semaphore, or start on the replica, after the horizon has ended,
    /// having waited, is left unfinished. Every replica is looked at on every pick (a replica's load and
    /// health change at moments the rule does not announce).
    /// </remarks>
    private sealed class SharedRule : DeploymentRule
    {
        private readonly SharedReplica[] _replicas;
        private readonly int[] _semaphore;       // max_parallel_requests per deployment
        private readonly Queue<int>[] _atSemaphore; // calls waiting for the semaphore, FIFO
        private readonly Queue<int>[] _inLine;      // calls past the semaphore waiting for a place, FIFO (aborted ones skipped)
        private readonly int[] _waitingInLine;      // live calls in _inLine
        private readonly double[] _wakeAt;          // each replica's live wake-up (+∞ none)
        private readonly double _slowestPace;       // min over n of R(n)/n, processed tok/s of one request
        private Call[] _calls = new Call[16];
        private readonly Stack<int> _freeCalls = new();
        private int _usedCalls;

        public SharedRule(RequestFleet fleet, RouterSpec spec)
            : base(fleet, spec)
        {
            _replicas = fleet.Shared!;
            int n = fleet.Replicas;
            _semaphore = [.. Enumerable.Range(0, n).Select(SemaphoreOf)];
            _atSemaphore = [.. Enumerable.Range(0, n).Select(_ => new Queue<int>())];
            _inLine = [.. Enumerable.Range(0, n).Select(_ => new Queue<int>())];
            _waitingInLine = new int[n];
            _wakeAt = [.. Enumerable.Repeat(double.PositiveInfinity, n)];
            _slowestPace = n > 0 ? _replicas[0].SlowestPace : double.PositiveInfinity;
            WatchHealth(scan: true);
        }

        /// <summary>What a <see cref="PendingRequest.Step"/> of this rule asks for, in its low two bits.</summary>
        private enum Kind
        {
            /// <summary>Call (upper bits) reaches its deadline: abort it if it is not done.</summary>
            Deadline = 0,

            /// <summary>The request's backoff is over: try again.</summary>
            Retry = 1,

            /// <summary>Replica (upper bits) reaches its next finish while calls wait at it.</summary>
            Wake = 2,
        }

        /// <summary>Where a call is.</summary>
        private enum Place
        {
            AtSemaphore,
            InLine,
            InService,
            Gone,
        }

        protected override int RetryStep => (int)Kind.Retry;

        protected override int CallsPast(int r, double now) => _replicas[r].InFlightAt(now) + _waitingInLine[r];

        public override void Resume(in PendingRequest request)
        {
            int payload = request.Step >> 2;
            switch ((Kind)(request.Step & 3))
            {
                case Kind.Retry:
                    Attempt(request.At, request.Tokens, request.Arrived, request.Attempt);
                    break;
                case Kind.Wake:
                    if (_wakeAt[payload] == request.At)
                    {
                        _wakeAt[payload] = double.PositiveInfinity;
                        Admit(payload, request.At);
                    }
                    break;
                default:
                    Deadline(payload, request.At);
                    break;
            }
        }

        public override void Finish() => Fleet.FinishShared();

        protected override void Attempt(double now, double tokens, double arrived, int attempt)
        {
            if (!TryPick(now, tokens, arrived, out int r))
            {
                return;
            }
            int id = NewCall(new Call(r, tokens, arrived, attempt, now));
            if (_atSemaphore[r].Count == 0 && CallsPast(r, now) < _semaphore[r])
            {
                Pass(id, now);
                Rewake(r, now);
                return;
            }
            _calls[id].Place = Place.AtSemaphore;
            _calls[id].Queued = true;
            _atSemaphore[r].Enqueue(id);
            Rewake(r, now);
        }

        /// <summary>Call <paramref name="id"/> passes its semaphore at <paramref name="now"/>: its timeout starts, and it starts on the replica or waits in its line.</summary>
        private void Pass(int id, double now)
        {
            ref Call call = ref _calls[id];
            int r = call.Replica;
            if (now >= Fleet.End && now > call.Joined)
            {
                Ledger.LeaveUnfinished(call.Tokens);
                Forget(id);
                return;
            }
            call.CallStart = now;
            if (_waitingInLine[r] == 0 && _replicas[r].HasRoom(now))
            {
                Begin(id, now);
                return;
            }
            call.Place = Place.InLine;
            call.Queued = true;
            _inLine[r].Enqueue(id);
            _waitingInLine[r]++;
            ExpectDeadline(id);
        }

        /// <summary>Call <paramref name="id"/> starts on its replica at <paramref name="now"/>, sharing the prefill with those in flight.</summary>
        private void Begin(int id, double now)
        {
            ref Call call = ref _calls[id];
            SharedReplica replica = _replicas[call.Replica];
            if (now >= Fleet.End && now > call.CallStart)
            {
                // Still waiting inside the replica when the horizon ended: it leaves.
                Ledger.LeaveUnfinished(call.Tokens);
                Forget(id);
                return;
            }
            double firstToken = Fleet.FirstTokenOf(call.Tokens, replica.InFlightAt(now) + 1);
            call.Start = now;
            call.FirstToken = firstToken;
            call.Handle = replica.StartCall(now, call.Arrived, call.Tokens, firstToken);
            call.Place = Place.InService;
            double limit = Settings.CallLimitSeconds;
            bool mayTimeOut = Settings.Streaming
                ? now - call.CallStart + firstToken > limit
                : now - call.CallStart + call.Tokens / _slowestPace > limit;
            if (mayTimeOut)
            {
                ExpectDeadline(id);
            }
            else
            {
                // Done before its deadline whatever joins later: the replica alone follows it now.
                Forget(id);
            }
        }

        /// <summary>Comes back to call <paramref name="id"/> when its timeout runs out, if it has none pending yet.</summary>
        private void ExpectDeadline(int id)
        {
            ref Call call = ref _calls[id];
            if (call.DeadlinePending)
            {
                return;
            }
            call.DeadlinePending = true;
            Fleet.Later(new PendingRequest(call.CallStart + Settings.CallLimitSeconds, call.Tokens, call.Arrived, call.Attempt, (id << 2) | (int)Kind.Deadline));
        }

        /// <summary>Call <paramref name="id"/>'s timeout has run out at <paramref name="now"/>: aborted if it is still waiting or in service (streamed: its first token not yet out), then failed.</summary>
        private void Deadline(int id, double now)
        {
            ref Call call = ref _calls[id];
            call.DeadlinePending = false;
            int r = call.Replica;
            bool aborted = false;
            switch (call.Place)
            {
                case Place.InLine:
                    // Never started: it leaves the line (its entry is skipped) and held no place.
                    _waitingInLine[r]--;
                    call.Place = Place.Gone;
                    aborted = true;
                    break;
                case Place.InService:
                    bool firstTokenInTime = Settings.Streaming && call.Start - call.CallStart + call.FirstToken <= Settings.CallLimitSeconds;
                    aborted = !firstTokenInTime && _replicas[r].Abort(call.Handle, now);
                    call.Place = Place.Gone;
                    break;
            }
            (double tokens, double arrived, int attempt) = (call.Tokens, call.Arrived, call.Attempt);
            FreeIfDone(id);
            if (!aborted)
            {
                return;
            }
            Ledger.TimeOut();
            Admit(r, now);
            Failed(r, now, tokens, arrived, attempt + 1);
        }

        /// <summary>Replica <paramref name="r"/> may have room at <paramref name="now"/>: the next in its line start, then the next at its semaphore pass; it is woken at its next finish while anyone still waits.</summary>
        private void Admit(int r, double now)
        {
            SharedReplica replica = _replicas[r];
            Queue<int> line = _inLine[r];
            while (_waitingInLine[r] > 0 && replica.HasRoom(now))
            {
                int id = line.Dequeue();
                _calls[id].Queued = false;
                if (_calls[id].Place != Place.InLine)
                {
                    FreeIfDone(id); // timed out while it waited
                    continue;
                }
                _waitingInLine[r]--;
                Begin(id, now);
            }
            while (_waitingInLine[r] == 0 && line.TryDequeue(out int dead))
            {
                _calls[dead].Queued = false;
                FreeIfDone(dead);
            }
            Queue<int> semaphore = _atSemaphore[r];
            while (semaphore.Count > 0 && CallsPast(r, now) < _semaphore[r])
            {
                int id = semaphore.Dequeue();
                _calls[id].Queued = false;
                Pass(id, now);
            }
            Rewake(r, now);
        }

        /// <summary>While calls wait at replica <paramref name="r"/>, comes back at its next finish (which only a start or an abort, both seen here, moves).</summary>
        private void Rewake(int r, double now)
        {
            if (_waitingInLine[r] == 0 && _atSemaphore[r].Count == 0)
            {
                return;
            }
            SharedReplica replica = _replicas[r];
            replica.Advance(now);
            double next = replica.NextFinish;
            if (next != _wakeAt[r] && !double.IsPositiveInfinity(next))
            {
                _wakeAt[r] = next;
                Fleet.Later(new PendingRequest(next, 0, next, 0, (r << 2) | (int)Kind.Wake));
            }
        }

        private int NewCall(in Call call)
        {
            int id = _freeCalls.Count > 0 ? _freeCalls.Pop() : _usedCalls++;
            if (id == _calls.Length)
            {
                Array.Resize(ref _calls, 2 * id);
            }
            _calls[id] = call;
            return id;
        }

        /// <summary>The rule needs nothing more of call <paramref name="id"/> (its record goes once no queue entry or deadline names it).</summary>
        private void Forget(int id)
        {
            _calls[id].Place = Place.Gone;
            FreeIfDone(id);
        }

        /// <summary>Frees call <paramref name="id"/>'s record when it is gone and neither a queue entry nor a pending deadline names it.</summary>
        private void FreeIfDone(int id)
        {
            ref Call call = ref _calls[id];
            if (call.Place == Place.Gone && !call.Queued && !call.DeadlinePending && !call.Freed)
            {
                call.Freed = true;
                _freeCalls.Push(id);
            }
        }

        /// <summary>One attempt of a request on deployment <see cref="Replica"/>.</summary>
        private struct Call(int replica, double tokens, double arrived, int attempt, double joined)
        {
            public readonly int Replica = replica;
            public readonly double Tokens = tokens;
            public readonly double Arrived = arrived;
            public readonly int Attempt = attempt;
            public readonly double Joined = joined;   // when it reached the semaphore
            public double CallStart = double.NaN;     // when it passed the semaphore: its timeout starts
            public double Start = double.NaN;         // when it started on the replica
            public double FirstToken;                 // seconds from its start to its first token
            public long Handle;                       // its request on the replica (SharedReplica.StartCall)
            public Place Place = Place.AtSemaphore;
            public bool Queued;                       // a queue entry (semaphore or line) names it
            public bool DeadlinePending;              // a Deadline comes back to it
            public bool Freed;
        }
    }
}
