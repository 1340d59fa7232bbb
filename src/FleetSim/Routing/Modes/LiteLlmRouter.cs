using FleetSim.Fleet;
using FleetSim.Routing.Requests;
using FleetSim.Scenario;
using FleetSim.Units;

namespace FleetSim.Routing.Modes;

/// <summary>
/// LiteLLM's proxy router as its source behaves (release line after PR #24611, merged 2026-03-26,
/// in which <c>order</c> works without enable_pre_call_checks and a failed order falls to the next):
/// <list type="number">
/// <item>pick a healthy deployment of the lowest order: cooled-down ones are left out, and with
/// enable_pre_call_checks those picked rpm times in their 60-second window
/// (<c>Router.async_get_healthy_deployments</c>); by least-busy (fewest requests past the semaphore,
/// the first on a tie) or weighted simple-shuffle;</item>
/// <item>wait, without bound, on its <c>max_parallel_requests</c> semaphore (FIFO; the timeout does
/// not run yet), then call the replica, which may queue the call for one of its own slots;</item>
/// <item>a call longer than <c>timeout</c> (first token later than <c>stream_timeout</c> when streamed)
/// is aborted, the slot time it used is spent; the failure may cool the deployment down
/// (<c>cooldown_handlers.py</c>: more than half of at least 5 requests in the calendar minute failed,
/// or with allowed_fails set, more than allowed_fails failures within cooldown_time);</item>
/// <item>retry num_retries times (default 2), each a new pick, at once when another deployment is
/// healthy, else after the exponential backoff (0.5 s doubling, 8 s cap) and never sooner than
/// retry_after (<c>_time_to_sleep_before_retry</c>);</item>
/// <item>then the next order or the fallbacks: the API; with neither, the client gets the error.</item>
/// </list>
/// When every self-hosted deployment is cooling, the API is the lowest healthy order and takes the
/// request at once.
/// </summary>
internal sealed partial class LiteLlmRouter(RouterSpec spec) : Router(spec)
{
    public override string? WhyNoMinuteForm(ReplicaSpec replica, int? replicas, RequestMix mix) => Why;

    private const string Why =
        "router mode 'litellm' has no minute-engine form: LiteLLM holds a request on its replica's semaphore for as long " +
        "as it takes, so an overloaded minute's backlog is served in later minutes, and call timeouts, retries and " +
        "cooldowns follow single requests";

    public override double ServeSpan(ReadOnlySpan<double> demand, in MinuteRouter fleet, Span<double> served) =>
        throw new InvalidOperationException(Why);

    public override RequestAdmission Admission(RequestFleet fleet) => fleet.Shared is null ? new Rule(fleet, Spec) : new SharedRule(fleet, Spec);

    /// <summary>
    /// The LiteLLM release line this router follows (docs/routers/litellm.md): after PR #24611 (merged
    /// 2026-03-26), in which order works without pre-call checks and a failed order falls to the next.
    /// </summary>
    public const string ModelledRelease = "as LiteLLM after PR #24611, March 2026";

    public override string Describe(FleetShape fleet)
    {
        LiteLlmSettings s = Spec.LiteLlm;
        string limit = s.Streaming
            ? $"the first token within {s.CallLimitSeconds:0.###} s ({(s.StreamTimeoutSeconds is null ? "timeout, as no stream_timeout is set" : "stream_timeout")})"
            : $"the whole call within {s.CallLimitSeconds:0.###} s (timeout)";
        string then = s.ApiRoute switch
        {
            ApiRoute.HigherOrder => "then the API at the next order",
            ApiRoute.Fallbacks => "then the API through fallbacks",
            _ => "then an error to the client (no route to the API)",
        };
        return $"litellm ({ChoiceName}; {ModelledRelease}): a request waits on its replica's semaphore as long as it takes; {limit}; " +
               $"{Spec.Retries} retries, {then}";
    }

    public override IEnumerable<(string Key, object Value)> Settings()
    {
        LiteLlmSettings s = Spec.LiteLlm;
        string semaphores = s.Semaphores is { Count: > 0 } caps
            ? string.Join(", ", caps.Distinct().Select(c => c?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unlimited"))
            : "unlimited";
        return
        [
            ("timeout_seconds", s.TimeoutSeconds),
            ("stream_timeout_seconds", s.StreamTimeoutSeconds is { } st ? st : "timeout_seconds"),
            ("streaming", s.Streaming ? "true" : "false"),
            ("max_parallel_requests", semaphores),
            ("cooldown_seconds", Spec.CooldownSeconds),
            ("retries", Spec.Retries),
            ("api_route", s.ApiRoute switch { ApiRoute.HigherOrder => "next order", ApiRoute.Fallbacks => "fallbacks", _ => "none" }),
        ];
    }

    public override string CountsNote(long timedOut, long rejected, long retries) =>
        $", {Quantity.Short(timedOut, precise: true)} calls timed out, {Quantity.Short(retries, precise: true)} retries";

    /// <summary>What a deferred request does when it comes back.</summary>
    private enum Step
    {
        /// <summary>Its call has just timed out on the replica it holds in <see cref="PendingRequest.Step"/>'s upper bits.</summary>
        Failed,

        /// <summary>Its backoff is over: try again.</summary>
        Retry,
    }

    /// <summary>
    /// What LiteLLM does whatever the replica: which deployments are healthy (cooldowns, rpm
    /// windows), what a failed call does (cool down, retry after the backoff, move on), and the
    /// picks; a subclass calls the replica.
    /// </summary>
    private abstract class DeploymentRule : RequestAdmission
    {
        private const double BackoffInitialSeconds = 0.5;   // litellm: INITIAL_RETRY_DELAY
        private const double BackoffMaxSeconds = 8.0;       // litellm: MAX_RETRY_DELAY

        private readonly RouterSpec _spec;
        private readonly LiteLlmSettings _settings;
        private readonly double[] _coolUntil;
        private readonly double[] _rpm;
        private readonly double[] _rpmWindowStart;
        private readonly int[] _rpmPicks;
        private readonly long[] _minute;
        private readonly int[] _minuteRequests, _minuteFailures;
        private readonly Queue<double>[] _recentFailures;
        private EligibleReplicas<HealthyDeployments> _healthy = null!; // made by WatchHealth, once the subclass can answer CallsPast

        protected DeploymentRule(RequestFleet fleet, RouterSpec spec)
            : base(fleet)
        {
            _spec = spec;
            _settings = spec.LiteLlm;
            int n = fleet.Replicas;
            _coolUntil = new double[n];
            _rpm = new double[n];
            for (int r = 0; r < n; r++)
            {
                _rpm[r] = _settings.PreCallRpm is { } rpm && rpm.Count > 0 ? rpm[Math.Min(r, rpm.Count - 1)] ?? double.PositiveInfinity : double.PositiveInfinity;
            }
            _rpmWindowStart = [.. Enumerable.Repeat(double.NegativeInfinity, n)];
            _rpmPicks = new int[n];
            _minute = [.. Enumerable.Repeat(-1L, n)];
            _minuteRequests = new int[n];
            _minuteFailures = new int[n];
            _recentFailures = [.. Enumerable.Range(0, n).Select(_ => new Queue<double>())];
        }

        /// <summary>
        /// Starts keeping the healthy deployments (every one is asked at time 0, its load too): the subclass calls it
        /// last in its constructor, once <see cref="CallsPast"/> can answer. <paramref name="scan"/>: look at every
        /// deployment on every pick whatever the fleet's size.
        /// </summary>
        protected void WatchHealth(bool scan) =>
            _healthy = new EligibleReplicas<HealthyDeployments>(new HealthyDeployments(this), Fleet.Choice, Fleet.Replicas, Fleet.Weights, Fleet.Random, scan: scan);

        /// <summary>The router's settings.</summary>
        protected LiteLlmSettings Settings => _settings;

        /// <summary>The healthy deployments, and the pick among them.</summary>
        protected EligibleReplicas<HealthyDeployments> HealthyOnes => _healthy;

        /// <summary>max_parallel_requests of deployment <paramref name="r"/>, or <see cref="ServerBank.Unlimited"/>.</summary>
        protected int SemaphoreOf(int r) =>
            _settings.Semaphores is { } caps && caps.Count > 0 ? caps[Math.Min(r, caps.Count - 1)] ?? ServerBank.Unlimited : ServerBank.Unlimited;

        /// <summary>Calls past deployment <paramref name="r"/>'s semaphore at <paramref name="now"/> (least-busy's load).</summary>
        protected abstract int CallsPast(int r, double now);

        /// <summary>Deployments in the model group the requests call: the replicas, and the API when it is a higher order of the same group.</summary>
        private int GroupSize => Fleet.Replicas + (_settings.ApiRoute == ApiRoute.HigherOrder ? 1 : 0);

        public override void Arrive(double now, double tokens)
        {
            Ledger.Arrived(tokens);
            Attempt(now, tokens, now, attempt: 0);
        }

        /// <summary>One attempt at <paramref name="now"/> of a request that arrived at <paramref name="arrived"/>; <paramref name="attempt"/> made before it.</summary>
        protected abstract void Attempt(double now, double tokens, double arrived, int attempt);

        /// <summary>
        /// A call on deployment <paramref name="replica"/> failed at <paramref name="now"/> (its
        /// <paramref name="attempt"/>-th attempt, counted from 1): the deployment may cool down, and the
        /// request is retried (at once, or after the backoff), or moves on to the API when its retries are spent.
        /// </summary>
        protected void Failed(int replica, double now, double tokens, double arrived, int attempt)
        {
            Fail(replica, now);
            if (attempt > _spec.Retries || _healthy.Count(now) == 0)
            {
                // Retries spent, or no healthy self-hosted deployment left to retry on: on to the API.
                MoveOn(now, tokens, arrived);
                return;
            }
            Ledger.Retry();
            double sleep = GroupSize >= 2 ? 0 : Math.Max(Backoff(attempt), _settings.RetryAfterSeconds);
            if (sleep > 0)
            {
                Fleet.Later(new PendingRequest(now + sleep, tokens, arrived, attempt, RetryStep));
            }
            else
            {
                Attempt(now, tokens, arrived, attempt);
            }
        }

        /// <summary>The <see cref="PendingRequest.Step"/> of a retry after its backoff.</summary>
        protected abstract int RetryStep { get; }

        /// <summary>After the retries: the next order or the fallbacks, which are the API, or an error to the client.</summary>
        protected void MoveOn(double now, double tokens, double arrived)
        {
            if (_settings.ApiRoute == ApiRoute.None)
            {
                Ledger.Drop(tokens);
                return;
            }
            Ledger.ToApi(now, tokens, arrived);
        }

        /// <summary>
        /// Whether deployment <paramref name="r"/> is healthy at <paramref name="now"/>: not cooling,
        /// and picked fewer than rpm times in its window, which is closed once 60 s old.
        /// </summary>
        private bool Healthy(int r, double now)
        {
            if (_coolUntil[r] > now)
            {
                return false;
            }
            if (now >= _rpmWindowStart[r] + 60)
            {
                _rpmWindowStart[r] = double.NegativeInfinity;
                _rpmPicks[r] = 0;
            }
            return _rpm[r] > _rpmPicks[r];
        }

        /// <summary>
        /// Picks a healthy deployment and counts the pick (<see cref="Picked"/>); with none healthy the API's order is now
        /// the lowest, and it takes the request (<see cref="MoveOn"/>): then false.
        /// </summary>
        protected bool TryPick(double now, double tokens, double arrived, out int r)
        {
            r = HealthyOnes.Pick(now);
            if (r < 0)
            {
                MoveOn(now, tokens, arrived);
                return false;
            }
            Picked(r, now);
            return true;
        }

        /// <summary>Counts the pick against the deployment's rpm window (which opens at its first pick) and its calendar minute.</summary>
        private void Picked(int r, double now)
        {
            bool opens = double.IsNegativeInfinity(_rpmWindowStart[r]);
            if (opens)
            {
                _rpmWindowStart[r] = now;
            }
            _rpmPicks[r]++;
            if (!double.IsPositiveInfinity(_rpm[r]))
            {
                // The pick may use up the window; the window's end makes it healthy again.
                _healthy.Refresh(r, now);
                if (opens)
                {
                    _healthy.WakeAt(r, now + 60);
                }
            }
            RollMinute(r, now);
            _minuteRequests[r]++;
        }

        /// <summary>A call on <paramref name="r"/> failed at <paramref name="now"/>: cool it down if LiteLLM's rule says so.</summary>
        private void Fail(int r, double now)
        {
            double cooldown = _spec.CooldownSeconds;
            if (cooldown <= 0)
            {
                return;
            }
            bool coolDown;
            if (_settings.CountFailures)
            {
                // Legacy rule: failures within cooldown_time seconds, more than allowed_fails of them.
                Queue<double> recent = _recentFailures[r];
                while (recent.Count > 0 && recent.Peek() <= now - cooldown)
                {
                    recent.Dequeue();
                }
                recent.Enqueue(now);
                coolDown = recent.Count > _settings.AllowedFails;
            }
            else
            {
                // Default rule for a timeout (retryable, not a 429): more than half of at least 5
                // requests this calendar minute failed, in a group of 2 or more deployments.
                RollMinute(r, now);
                _minuteFailures[r]++;
                coolDown = GroupSize >= 2 && _minuteRequests[r] >= 5 && _minuteFailures[r] * 2 > _minuteRequests[r];
            }
            if (coolDown)
            {
                _coolUntil[r] = Math.Max(_coolUntil[r], now + cooldown);
                _healthy.Refresh(r, now);
                _healthy.WakeAt(r, _coolUntil[r]);
            }
        }

        /// <summary>Starts deployment <paramref name="r"/>'s counts afresh when <paramref name="now"/> is in a new calendar minute.</summary>
        private void RollMinute(int r, double now)
        {
            long minute = (long)(now / 60);
            if (minute != _minute[r])
            {
                _minute[r] = minute;
                _minuteRequests[r] = 0;
                _minuteFailures[r] = 0;
            }
        }

        /// <summary>Healthy deployments are eligible; least-busy's load is the calls past each one's semaphore.</summary>
        protected readonly struct HealthyDeployments(DeploymentRule rule) : IReplicaState
        {
            public bool Eligible(int replica, double now) => rule.Healthy(replica, now);

            public int Load(int replica, double now) => rule.CallsPast(replica, now);
        }

        private static double Backoff(int attempt) =>
            Math.Min(BackoffMaxSeconds, BackoffInitialSeconds * Math.Pow(2, Math.Max(0, attempt - 1)));
    }

    /// <summary>
    /// The rule on replicas whose slots each serve one request at R/c: every call's start and end are
    /// known when it is made (FIFO semaphore, FIFO slots), so a call that will time out is known at once
    /// and comes back when it is aborted.
    /// </summary>
    private sealed class Rule : DeploymentRule
    {
        private readonly ServerBank[] _semaphores;

        public Rule(RequestFleet fleet, RouterSpec spec)
            : base(fleet, spec)
        {
            _semaphores = [.. Enumerable.Range(0, fleet.Replicas).Select(r => new ServerBank(SemaphoreOf(r)))];
            WatchHealth(scan: false);
        }

        protected override int RetryStep => (int)Step.Retry;

        protected override int CallsPast(int r, double now) => _semaphores[r].Busy(now);

        public override void Resume(in PendingRequest request)
        {
            double now = request.At;
            if ((Step)(request.Step & 1) == Step.Retry)
            {
                Attempt(now, request.Tokens, request.Arrived, request.Attempt);
                return;
            }
            Failed(request.Step >> 1, now, request.Tokens, request.Arrived, request.Attempt);
        }

        /// <summary>One attempt: pick, queue on the semaphore, call; a timed-out call comes back when it is aborted.</summary>
        protected override void Attempt(double now, double tokens, double arrived, int attempt)
        {
            if (!TryPick(now, tokens, arrived, out int r))
            {
                return;
            }
            ServerBank semaphore = _semaphores[r];
            double callStart = semaphore.StartOf(now);
            if (callStart >= Fleet.End && callStart > now)
            {
                Ledger.LeaveUnfinished(tokens);
                return;
            }
            ServerBank slots = Fleet.Slots[r];
            double slotStart = slots.StartOf(callStart);
            double service = Fleet.ServiceOf(tokens);
            double firstToken = Fleet.FirstTokenOf(tokens, slots.BusyAt(slotStart) + 1);
            double callTime = slotStart - callStart + (Settings.Streaming ? firstToken : service);
            double limit = Settings.CallLimitSeconds;
            if (callTime <= limit)
            {
                if (slotStart >= Fleet.End && slotStart > now)
                {
                    // Still queued inside the replica when the horizon ends: it leaves then.
                    HoldSemaphore(r, now, Fleet.End);
                    Ledger.LeaveUnfinished(tokens);
                    return;
                }
                slots.Hold(callStart, slotStart + service);
                HoldSemaphore(r, now, slotStart + service);
                Ledger.Served(tokens, arrived, slotStart, service, firstToken);
                return;
            }
            double abort = callStart + limit;
            if (slotStart < abort)
            {
                slots.Hold(callStart, abort);
                Ledger.Wasted(slotStart, abort);
            }
            HoldSemaphore(r, now, abort);
            Ledger.TimeOut();
            Fleet.Later(new PendingRequest(abort, tokens, arrived, attempt + 1, (r << 1) | (int)Step.Failed));
        }

        /// <summary>Holds <paramref name="r"/>'s semaphore from <paramref name="now"/> until <paramref name="until"/>; least-busy's load changes then and when it ends.</summary>
        private void HoldSemaphore(int r, double now, double until)
        {
            _semaphores[r].Hold(now, until);
            if (HealthyOnes.TracksLoad)
            {
                HealthyOnes.Refresh(r, now);
                HealthyOnes.WakeAt(r, until);
            }
        }
    }
}
