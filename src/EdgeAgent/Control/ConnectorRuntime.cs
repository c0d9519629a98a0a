using System.Diagnostics.CodeAnalysis;
using ChargeNet.Drivers.Devices;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// What the control loop remembers of one connector between cycles. The two values that other
/// tasks write — the status (a charger read's continuation), and the setpoint with its limit
/// history (a send's continuation, under one lock) — are immutable values swapped whole, so a
/// reader always sees a consistent value. The rest is read and written by the loop alone, one cycle at a time.
/// </summary>
internal sealed class ConnectorRuntime
{
    private readonly Lock _sendLock = new();
    private ConnectorStatus? _status;
    private SetpointState? _setpoint;
    private LimitHistory _history;
    private LimitAnswers _answers;
    private readonly AnswerTimes _answerTimes = new();

    // The sends (by their time) that may have waited in the driver behind another call before reaching the charger: their answer
    // times hold that wait too, and are not the charger's (AnswerTimes). Bounded: a send that never completes drops out.
    private readonly List<DateTimeOffset> _sendsThatWaited = [];
    private const int SendsThatWaitedKept = 16;
    private int _lastOutcome = (int)SetpointOutcome.Accepted;
    private int _pausesRefusedInARow;
    private bool _tookAPause;
    private readonly List<OnItsWay> _onItsWay = [];

    public ConnectorRuntime(string chargerId, int connectorId, double unknownLimitA)
    {
        ChargerId = chargerId;
        ConnectorId = connectorId;
        _history = LimitHistory.Start(unknownLimitA);
    }

    public string ChargerId { get; }

    public int ConnectorId { get; }

    /// <summary>The last status read, and when.</summary>
    public ConnectorStatus? Status
    {
        get => Volatile.Read(ref _status);
        set => Volatile.Write(ref _status, value);
    }

    /// <summary>The last setpoint sent; null before the first.</summary>
    public SetpointState? Setpoint => Volatile.Read(ref _setpoint);

    /// <summary>The limits that may have been in force lately (see <see cref="LimitHistory"/>).</summary>
    public LimitHistory History => Volatile.Read(ref _history);

    /// <summary>How its charger answered the last limits sent to it.</summary>
    public LimitAnswers Answers
    {
        get
        {
            lock (_sendLock)
            {
                return _answers;
            }
        }
    }

    /// <summary>How many pauses (0 A) in a row its charger refused, until it takes one.</summary>
    public int PausesRefusedInARow
    {
        get
        {
            lock (_sendLock)
            {
                return _pausesRefusedInARow;
            }
        }
    }

    /// <summary>
    /// Whether its charger refuses 0 A by kind: it refused its last 16 pauses in a row and never took one. A charger that refuses
    /// by chance takes a pause sooner or later and is never marked after (the bench's coin refusers refuse half their limits, 16
    /// in a row once in 65,536 pauses; those that also time out, about once in 200), while one by kind never takes a 0 and is
    /// marked within 25–45 s of resends on the bench (docs/control-loop-sessions.md, Sessions 22 and 23).
    /// </summary>
    public bool RefusesPausesByKind
    {
        get
        {
            lock (_sendLock)
            {
                return _pausesRefusedInARow >= PausesRefusedByKind && !_tookAPause;
            }
        }
    }

    /// <summary>Refused pauses in a row that mark a charger refusing 0 A by kind (<see cref="RefusesPausesByKind"/>).</summary>
    public const int PausesRefusedByKind = 16;

    /// <summary>The last limit sent; null before the first.</summary>
    public double? SentLimitA => Setpoint?.LimitA;

    /// <summary>Whether the charger confirmed the last limit sent.</summary>
    public bool Confirmed => Setpoint is { Confirmed: true };

    /// <summary>Why the limit is what it is (the loop's view of the balancer's reason). Loop only.</summary>
    public string? Reason { get; set; }

    /// <summary>When a car was first seen on the connector in this session; null while it is free. Loop only.</summary>
    public DateTimeOffset? OccupiedSince { get; set; }

    /// <summary>The connector's energy counter when the session began. Loop only.</summary>
    public double EnergyAtStartWh { get; set; }

    /// <summary>
    /// When the car last said what it needs (OCPP 2.0.1 NotifyEVChargingNeeds) and the connector's
    /// energy counter then: what it has taken since is no longer wanted. Loop only.
    /// </summary>
    public (DateTimeOffset ReportedAt, double EnergyWh)? NeedsSeen { get; set; }

    /// <summary>Records the outcome of the latest answered send; returns the one before it (Accepted at first).</summary>
    public SetpointOutcome SwapLastOutcome(SetpointOutcome outcome) =>
        (SetpointOutcome)Interlocked.Exchange(ref _lastOutcome, (int)outcome);

    /// <summary>
    /// When the limit its charger last accepted lapses, from the charger's last report whatever its values
    /// (<see cref="ConnectorStatus.AcceptedLimitValidTo"/>: driver bookkeeping, not a reading — a report with a value no device can
    /// give still renews it). Loop only.
    /// </summary>
    public DateTimeOffset? AcceptedLimitValidTo { get; set; }

    /// <summary>Whether its charger's last read said it is not connected (no limit can reach it). Loop only.</summary>
    public bool Disconnected { get; set; }

    /// <summary>Whether its charger answered the last read and is online: a limit can reach it. Loop only.</summary>
    public bool Reachable { get; set; }

    /// <summary>
    /// The limit its charger reads back in force, higher than the last one sent (<see cref="ReportedLimit"/>); null: none seen, or
    /// a later read proved the limit sent. Loop only.
    /// </summary>
    public double? ReadBackAboveA { get; set; }

    /// <summary>Whether <see cref="ReadBackAboveA"/> was told as <c>charger.limit-not-applied</c> and not yet as applied. Loop only.</summary>
    public bool ReadBackAnnounced { get; set; }

    /// <summary>
    /// Its limit last sent waits in the driver behind another call to its charger, not yet sent (<see cref="IHasQueuedLimits"/>;
    /// docs/control-loop-sessions.md, Session 14, "A cut queued behind an unanswered call"). Loop only, read each cycle.
    /// </summary>
    public bool SendQueued { get; set; }

    /// <summary>When the loop last asked the charger to end this connector's session (<see cref="LastResortStop"/>); null: never. Loop only.</summary>
    public DateTimeOffset? SessionStopAskedAt { get; set; }

    /// <summary>
    /// When its charger accepted the loop's request to end the session (<see cref="LastResortStop"/>); null: none, or the hold it
    /// starts is over. Written by the stop's continuation, read and cleared by the loop.
    /// </summary>
    public DateTimeOffset? SessionEndedAt
    {
        get => Interlocked.Read(ref _sessionEndedTicks) is var ticks and not 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        set => Interlocked.Exchange(ref _sessionEndedTicks, value?.UtcTicks ?? 0);
    }

    private long _sessionEndedTicks;

    /// <summary>What the loop has learnt of the car's draw from the charger's reports. Loop only.</summary>
    public CarDrawModel Car { get; set; } = CarDrawModel.Unknown;

    /// <summary>
    /// Starts a send unless one is already on its way; returns the new setpoint with what it supersedes, or null when one is in
    /// flight. A decrease never waits behind a send: it supersedes it (the driver orders the two); nor does one
    /// behind a decrease its charger left unanswered for <paramref name="sendAgainAfter"/> (docs/control-loop-sessions.md, Session 14).
    /// <paramref name="needed"/>: the site needs the limit (<see cref="SetpointState.Needed"/>); unsure, it does.
    /// </summary>
    public BegunSend? TryBeginSend(double limitA, DateTimeOffset now, TimeSpan? sendAgainAfter = null, bool needed = true)
    {
        lock (_sendLock)
        {
            var inFlight = _setpoint is { InFlight: true } unanswered ? unanswered : null;
            var waitedOut = DecreaseWaitedOutLocked(now, sendAgainAfter);
            if (inFlight is not null && limitA >= inFlight.LimitA && !waitedOut)
            {
                return null;
            }

            // A send is known by its time (its answer, its give-up): two begun in one instant — a cycle planned again for a cut that
            // queued (docs/control-loop.md, "A cut that queues is planned for at once") — are kept a tick apart, in their order.
            var newest = _history.Epochs[^1].From;
            var at = now > newest ? now : newest.AddTicks(1);
            var sent = new SetpointState(limitA, at, InFlight: true, Confirmed: false, needed);
            if (inFlight is not null)
            {
                MarkWaitedLocked(at); // sent behind a call still unanswered: a driver that sends one at a time holds it
            }

            Volatile.Write(ref _setpoint, sent);
            Volatile.Write(ref _history, _history.Sent(limitA, at));
            return new BegunSend(sent, inFlight, waitedOut);
        }
    }

    /// <summary>While <paramref name="sent"/> is on its way, <see cref="GiveUp"/> may cancel it through <paramref name="cancel"/>; null: it ended.</summary>
    public void Track(SetpointState sent, CancellationTokenSource? cancel)
    {
        lock (_sendLock)
        {
            _onItsWay.RemoveAll(tracked => tracked.Sent == sent);
            if (cancel is not null)
            {
                _onItsWay.Add(new OnItsWay(sent, cancel));
            }
        }
    }

    /// <summary>
    /// Gives up <paramref name="older"/> and every send before it still on its way (their writes are cancelled, as timed out):
    /// the one give-up of docs/control-loop-sessions.md, Session 16, decided by the loop. Their limits still count as may be in force;
    /// their failures count as the charger's only when <paramref name="chargersFault"/> (it left a decrease unanswered);
    /// <paramref name="why"/> is each one's failure text.
    /// </summary>
    public void GiveUp(SetpointState older, string why, bool chargersFault = false)
    {
        List<CancellationTokenSource> cancels = [];
        lock (_sendLock)
        {
            foreach (var tracked in _onItsWay.Where(tracked => tracked.Sent.SentAt <= older.SentAt && tracked.GivenUpWhy is null))
            {
                (tracked.GivenUpWhy, tracked.ChargersFault) = (why, chargersFault);
                cancels.Add(tracked.Cancel);
            }
        }

        // Outside the lock: a driver may end a given-up send at once, on this thread, and its completion takes the lock.
        foreach (var cancel in cancels)
        {
            try
            {
                cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // It was answered meanwhile: nothing to give up.
            }
        }
    }

    /// <summary>Why <paramref name="sent"/>, still tracked, was given up; null when it was not.</summary>
    public string? GivenUpWhy(SetpointState sent)
    {
        lock (_sendLock)
        {
            return _onItsWay.Find(tracked => tracked.Sent == sent)?.GivenUpWhy;
        }
    }

    /// <summary>
    /// Records the outcome of <paramref name="sent"/>, answered at <paramref name="at"/>; a newer setpoint is never overwritten.
    /// False when it was given up (<see cref="GiveUp"/>) not for its charger's fault and not accepted: not the charger's failure;
    /// false too when its driver held it unsent (<paramref name="notSent"/>, not accepted): the charger has not seen it, so it is
    /// neither a limit that may be in force nor one more answer of the charger's — its refusal counted once, at its send
    /// (docs/control-loop-sessions.md, Session 18, "A held answer is not a send").
    /// </summary>
    public bool CompleteSend(SetpointState sent, SetpointOutcome outcome, DateTimeOffset at, bool notSent = false)
    {
        lock (_sendLock)
        {
            var waited = _sendsThatWaited.Remove(sent.SentAt);
            if (notSent && outcome != SetpointOutcome.Accepted)
            {
                _onItsWay.RemoveAll(tracked => tracked.Sent == sent);
                Volatile.Write(ref _history, _history.Withdrawn(sent.SentAt));
                if (_setpoint == sent)
                {
                    // Its limit last changed at the charger with the last send that reached it: asked again each cycle, it settles all the same.
                    var lastSentAt = _history.Epochs[^1] is { State: not LimitEpochState.Unknown } last ? last.From : sent.SentAt;
                    Volatile.Write(ref _setpoint, sent with { SentAt = lastSentAt, InFlight = false, Confirmed = false });
                }

                return false;
            }

            // Each send keeps its own mark, so a second give-up before the first one's completion loses neither (Session 16).
            var index = _onItsWay.FindIndex(tracked => tracked.Sent == sent);
            var givenUp = index >= 0 && _onItsWay[index] is { GivenUpWhy: not null, ChargersFault: false } && outcome != SetpointOutcome.Accepted;
            var answeredInTime = !waited && outcome != SetpointOutcome.Failed && !(index >= 0 && _onItsWay[index].GivenUpWhy is not null);
            if (index >= 0)
            {
                _onItsWay.RemoveAt(index);
            }

            var state = outcome switch
            {
                SetpointOutcome.Accepted => LimitEpochState.Accepted,
                SetpointOutcome.Rejected => LimitEpochState.Rejected,
                _ => LimitEpochState.Failed,
            };
            Volatile.Write(ref _history, _history.Answered(sent.SentAt, state, at));
            if (!givenUp)
            {
                _answers = _answers.With(taken: outcome == SetpointOutcome.Accepted);
                if (answeredInTime)
                {
                    // An answer to a call that went straight to the charger — not a timeout, a lost connection, a call given up or one
                    // that waited behind another: how long its charger takes (AnswerTimes).
                    _answerTimes.Add(at - sent.SentAt);
                }
            }

            if (sent.LimitA == 0 && outcome != SetpointOutcome.Failed)
            {
                // Refused, not lost: a charger that says no to 0 A (docs/control-loop-sessions.md, Session 22).
                _pausesRefusedInARow = outcome == SetpointOutcome.Rejected ? _pausesRefusedInARow + 1 : 0;
                _tookAPause |= outcome == SetpointOutcome.Accepted;
            }

            if (_setpoint == sent)
            {
                Volatile.Write(ref _setpoint, sent with { InFlight = false, Confirmed = outcome == SetpointOutcome.Accepted });
            }
            else if (outcome == SetpointOutcome.Accepted && _setpoint is { InFlight: false, Confirmed: true } newer)
            {
                // An older limit accepted after the newer one: which the charger applied last is unknown, and
                // both count until the newer one is sent again and confirmed (nothing newer would be sent
                // while the target stays: the older limit would be counted for ever).
                Volatile.Write(ref _setpoint, newer with { Confirmed = false });
            }

            return !givenUp;
        }
    }

    /// <summary>
    /// When the limit on its way becomes overdue — unanswered for longer than its charger takes to answer (<see cref="AnswerTimes"/>);
    /// null while nothing is on its way or too few answers are known.
    /// </summary>
    public DateTimeOffset? OverdueAt
    {
        get
        {
            lock (_sendLock)
            {
                return _setpoint is { InFlight: true } unanswered && _answerTimes.OverdueAfter is { } after ? unanswered.SentAt + after : null;
            }
        }
    }

    /// <summary>The limit on its way waits in its driver behind another call (the loop saw it queued): its answer time is not the charger's.</summary>
    public void MarkQueued()
    {
        lock (_sendLock)
        {
            if (_setpoint is { InFlight: true } queued && !_sendsThatWaited.Contains(queued.SentAt))
            {
                MarkWaitedLocked(queued.SentAt);
            }
        }
    }

    private void MarkWaitedLocked(DateTimeOffset sentAt)
    {
        if (_sendsThatWaited.Count == SendsThatWaitedKept)
        {
            _sendsThatWaited.RemoveAt(0);
        }

        _sendsThatWaited.Add(sentAt);
    }

    private bool DecreaseWaitedOutLocked(DateTimeOffset now, TimeSpan? wait) =>
        _setpoint is { InFlight: true } unanswered && wait is { } waited && now - unanswered.SentAt >= waited
        && _history.DecreaseUnansweredSince(now - waited);

    /// <summary>A send on its way, its cancellation, and whether the loop gave it up, and why.</summary>
    private sealed class OnItsWay(SetpointState sent, CancellationTokenSource cancel)
    {
        public SetpointState Sent { get; } = sent;

        public CancellationTokenSource Cancel { get; } = cancel;

        /// <summary>Its failure text once the loop gave it up; null until then.</summary>
        public string? GivenUpWhy { get; set; }

        public bool ChargersFault { get; set; }
    }
}
