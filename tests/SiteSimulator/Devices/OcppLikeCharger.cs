using ChargeNet.Drivers.Devices;

namespace ChargeNet.SiteSimulator;

/// <summary>
/// A charger as the edge's OCPP driver sees it: the state as of its last StatusNotification, the
/// currents as of its last MeterValues (every 10 or 60 s), the limit in force as the driver knows it
/// (the last accepted one; none after a refusal). With <see cref="OcppBehaviour.OneCallAtATime"/> it takes one call at a time,
/// as the driver sends them (<see cref="OneCallGate"/>): a limit asked for while another is unanswered waits. A limit it
/// accepts is enforced when it arrives; the answer
/// comes 0.1–3 s later, or is Rejected, or never comes.
/// </summary>
public sealed class OcppLikeCharger : ICharger, IHasQueuedLimits, IHasLimitBackOff, IHasSessionStop, IHasReportRequest
{
    private readonly IReadOnlyList<SimConnector> _connectors;
    private readonly OcppBehaviour _behaviour;
    private readonly PhysicalSite _site;
    private readonly DeviceAnswers _answers;
    private readonly Random _random;
    private readonly Random _stopRandom;
    private readonly ConnectorStatus?[] _reported;
    private readonly double?[] _limitInForceA;
    private readonly bool[] _limitEverSet;
    private readonly UnansweredByTurns _unanswered;
    private readonly bool[] _reportAsked;
    private readonly OneCallGate _gate = new();
    private DateTimeOffset _nextMeterValues;
    private DateTimeOffset? _firstStatusAt;
    private int _scriptedCount;

    public OcppLikeCharger(string id, IReadOnlyList<SimConnector> connectors, OcppBehaviour behaviour, PhysicalSite site, DeviceAnswers answers, Random random, DateTimeOffset start)
    {
        Id = id;
        _connectors = connectors;
        _behaviour = behaviour;
        _site = site;
        _answers = answers;
        _random = random;
        // Its own generator for session stops, seeded from its id alone: a stop asked never changes the answers its limits draw.
        _stopRandom = new Random(id.Aggregate(17, (seed, c) => unchecked((seed * 31) + c)));
        _reported = new ConnectorStatus?[connectors.Count];
        _limitInForceA = new double?[connectors.Count];
        _limitEverSet = new bool[connectors.Count];
        _unanswered = new UnansweredByTurns(connectors.Count);
        _reportAsked = new bool[connectors.Count];
        _nextMeterValues = start + behaviour.FirstReportAfter;
        RejectsPauses = behaviour.RejectsPauses;
        AnswersReportRequests = behaviour.AnswersReportRequests;
        if (behaviour is { StatusLateBy: { } late, StatusLateAtStart: true })
        {
            AwaitFirstStatus(start, late);
        }
    }

    public string Id { get; }

    /// <summary>
    /// Its answers to the limits sent from now on, in turn (as tests/peers/site/ocpp-charger.js's <c>answers</c>); null: drawn
    /// from its behaviour's shares. The answer still comes after <see cref="OcppBehaviour.MinAnswer"/>–<see cref="OcppBehaviour.MaxAnswer"/>.
    /// </summary>
    public IReadOnlyList<ScriptedAnswer>? ScriptedAnswers { get; set; }

    /// <summary>It refuses every pause (0 A) from now on, its script or shares aside; it starts as its behaviour says (<see cref="OcppBehaviour.RejectsPauses"/>).</summary>
    public bool RejectsPauses { get; set; }

    /// <summary>It takes TriggerMessage MeterValues from now on; it starts as its behaviour says (<see cref="OcppBehaviour.AnswersReportRequests"/>).</summary>
    public bool AnswersReportRequests { get; set; }

    /// <summary>The sessions it ended on the edge's RemoteStopTransaction: connector index and when.</summary>
    public List<(int Connector, DateTimeOffset At)> SessionsEnded { get; } = [];

    /// <summary>Sends what a real charger would have sent by <paramref name="now"/>: StatusNotifications on change, MeterValues on its interval.</summary>
    public void Report(DateTimeOffset now)
    {
        if (_firstStatusAt is { } statusAt && now >= statusAt)
        {
            _firstStatusAt = null;
            FirstStatusNotification(now);
        }

        var meterValues = now >= _nextMeterValues;
        if (meterValues)
        {
            _nextMeterValues += _behaviour.MeterValuesInterval;
        }

        for (var i = 0; i < _connectors.Count; i++)
        {
            var connector = _connectors[i];
            var last = _reported[i];
            if (meterValues || _reportAsked[i])
            {
                _reportAsked[i] = false;
                _reported[i] = new ConnectorStatus(
                    connector.ConnectorId,
                    connector.State,
                    ConnectorReport.CurrentA(connector, _behaviour.PerPhaseCurrents, _behaviour.ReportsImpossibleValues),
                    _behaviour.ReportsEnergy ? ConnectorReport.EnergyWh(connector, _behaviour.ReportsImpossibleValues) : 0,
                    _behaviour.ReportsOffered ? connector.OfferedA : null,
                    now,
                    PhasesKnown: _behaviour.PerPhaseCurrents);
            }
            else if (last is not null && last.State != connector.State)
            {
                // A StatusNotification: the state changes now, the currents stay as last metered (zero once the car has left).
                _reported[i] = last with
                {
                    State = connector.State,
                    CurrentA = connector.State == ConnectorState.Available ? PhaseValues.Zero : last.CurrentA,
                    Timestamp = now,
                    CurrentsMeasuredAt = last.CurrentsAt,
                };
            }
        }
    }

    /// <summary>
    /// The edge restarted. The new driver has heard nothing of a charger with a <see cref="OcppBehaviour.StatusLateBy"/> until its
    /// next StatusNotification, nor of a limit in force on it; the charger keeps the limits it was told, its car draws on. Any other
    /// charger goes on as it was.
    /// </summary>
    public void EdgeRestarted(DateTimeOffset now)
    {
        if (_behaviour.StatusLateBy is { } late)
        {
            Array.Clear(_reported);
            Array.Clear(_limitEverSet);
            AwaitFirstStatus(now, late);
        }
    }

    private void AwaitFirstStatus(DateTimeOffset now, TimeSpan late)
    {
        // The driver's status ask holds none of its one line from the limits: an ask the edge makes of its own accord gives way to
        // any other call, and is given up the moment one comes (docs/ocpp.md, "After a restart of the edge"; OcppCallTurns).
        _firstStatusAt = now + late;
    }

    // Its first StatusNotification since the edge (re)started (OcppBehaviour.StatusLateBy).
    private void FirstStatusNotification(DateTimeOffset now)
    {
        for (var i = 0; i < _connectors.Count; i++)
        {
            _reported[i] = ConnectorReport.StatusNotification(_reported[i], _connectors[i], _behaviour.PerPhaseCurrents, now);
        }
    }

    public Task<ChargerStatus> ReadStatusAsync(CancellationToken cancellationToken)
    {
        var connectors = new List<ConnectorStatus>();
        for (var i = 0; i < _connectors.Count && _firstStatusAt is null; i++)
        {
            if (_reported[i] is { } reported)
            {
                connectors.Add(reported with { LimitA = _limitEverSet[i] ? _limitInForceA[i] : reported.LimitA });
            }
        }

        var newest = connectors.Count == 0 ? DateTimeOffset.MinValue : connectors.Max(c => c.Timestamp);
        return Task.FromResult(new ChargerStatus(Id, true, connectors, newest));
    }

    /// <summary>A limit asked for this connector waits behind another call to the charger, unsent.</summary>
    public bool IsLimitQueued(int connectorId) => _gate.IsWaiting(connectorId);

    public Task<SetpointResult> SetCurrentLimitAsync(int connectorId, double limitA, CancellationToken cancellationToken) =>
        SetLimitAsync(connectorId, limitA, needed: false, cancellationToken);

    /// <summary>A cut the site needs now passes the driver's back-off (<see cref="DriverBackOff.Held"/>); without one, the same as any limit.</summary>
    public Task<SetpointResult> SetNeededLimitAsync(int connectorId, double limitA, CancellationToken cancellationToken) =>
        SetLimitAsync(connectorId, limitA, needed: true, cancellationToken);

    /// <summary>Any limit passes the driver's back-off (<see cref="DriverBackOff.Held"/>); without one, the same as any limit.</summary>
    public Task<SetpointResult> SetLimitPastBackOffAsync(int connectorId, double limitA, CancellationToken cancellationToken) =>
        SetLimitAsync(connectorId, limitA, needed: false, cancellationToken, pastBackOff: true);

    private Task<SetpointResult> SetLimitAsync(int connectorId, double limitA, bool needed, CancellationToken cancellationToken, bool pastBackOff = false)
    {
        if (_behaviour.DriverBackOff?.Held(connectorId, limitA, _site.Now, needed, pastBackOff) is { } held)
        {
            return Task.FromResult(held); // the driver does not send it: the charger neither sees it nor draws an answer
        }

        // Its answer is drawn when asked, as before the gate, so waiting changes when the charger answers, not what.
        var draw = _random.NextDouble();
        var scripted = ScriptedAnswers is { Count: > 0 } script ? script[_scriptedCount++ % script.Count] : (ScriptedAnswer?)null;
        var never = scripted == ScriptedAnswer.Never || (scripted is null && draw < _behaviour.TimeOutShare);
        var rejected = !never && ((scripted is { } answer ? answer == ScriptedAnswer.Rejected : draw < _behaviour.TimeOutShare + _behaviour.RejectShare) || (RejectsPauses && limitA == 0));
        var answerIn = never ? TimeSpan.Zero : _behaviour.MinAnswer + ((_behaviour.MaxAnswer - _behaviour.MinAnswer) * _random.NextDouble());
        return _behaviour.OneCallAtATime
            ? _gate.Call(connectorId, () => Send(connectorId - 1, limitA, needed, pastBackOff, never, rejected, answerIn, cancellationToken), cancellationToken)
            : Send(connectorId - 1, limitA, needed, pastBackOff, never, rejected, answerIn, cancellationToken);
    }

    // The call as the charger gets it, once the gate lets it through: enforced then, answered answerIn later.
    private Task<SetpointResult> Send(int i, double limitA, bool needed, bool pastBackOff, bool never, bool rejected, TimeSpan answerIn, CancellationToken cancellationToken)
    {
        var connector = _connectors[i];
        var now = _site.Now;
        if (_behaviour.DriverBackOff?.Held(i + 1, limitA, now, needed, pastBackOff) is { } held)
        {
            return Task.FromResult(held); // decided again once the gate let it through, as the driver does
        }

        var request = _site.Journal.Requested(connector.Index, now, limitA);
        if (never)
        {
            // A limit that timed out may be in force (OcppBehaviour.AppliesUnansweredByTurns): one the loop counted as not taken
            // when it was is seen.
            if (_behaviour.AppliesUnansweredByTurns && _unanswered.Applies(i))
            {
                connector.Enforce(now, limitA);
            }

            return _answers.Later<SetpointResult>(null, () => throw new InvalidOperationException("never answered"), cancellationToken, () =>
            {
                _limitEverSet[i] = true;
                _limitInForceA[i] = null;
                _site.Journal.Answered(connector.Index, _site.Now, limitA, CommandOutcome.TimedOut, request);
            });
        }

        if (!rejected)
        {
            connector.Enforce(now, limitA);
        }

        return _answers.Later(
            now + answerIn,
            () =>
            {
                _limitEverSet[i] = true;
                _limitInForceA[i] = rejected ? null : limitA;
                _behaviour.DriverBackOff?.Answered(i + 1, limitA, now, _site.Now, !rejected);
                _site.Journal.Answered(connector.Index, _site.Now, limitA, rejected ? CommandOutcome.Rejected : CommandOutcome.Accepted, request);
                return rejected ? SetpointResult.Rejected("Rejected (simulated)") : SetpointResult.Accepted;
            },
            cancellationToken,
            () => _site.Journal.Answered(connector.Index, _site.Now, limitA, CommandOutcome.TimedOut, request));
    }

    /// <summary>How many TriggerMessage MeterValues it was sent.</summary>
    public int ReportRequests { get; private set; }

    /// <summary>
    /// TriggerMessage MeterValues: one more call on its one connection (behind the one unanswered, with
    /// <see cref="OcppBehaviour.OneCallAtATime"/>), answered after its quickest answer time — Accepted, with the connector's meter
    /// values at its next report, or refused (<see cref="AnswersReportRequests"/>). It draws no random number, so a
    /// request changes no answer its limits get.
    /// </summary>
    public Task<bool> RequestMeterValuesAsync(int connectorId, CancellationToken cancellationToken) =>
        _behaviour.OneCallAtATime
            ? _gate.Call(0, () => RequestMeterValues(connectorId - 1, cancellationToken), cancellationToken)
            : RequestMeterValues(connectorId - 1, cancellationToken);

    private Task<bool> RequestMeterValues(int i, CancellationToken cancellationToken)
    {
        ReportRequests++;
        return _answers.Later(
            _site.Now + _behaviour.MinAnswer,
            () =>
            {
                _reportAsked[i] = AnswersReportRequests;
                return AnswersReportRequests;
            },
            cancellationToken);
    }

    /// <summary>
    /// RemoteStopTransaction of the session on the connector: one more call on the charger's one connection (behind the one
    /// unanswered, with <see cref="OcppBehaviour.OneCallAtATime"/>). Accepted, unless it <see cref="OcppBehaviour.RejectsSessionStop"/>
    /// or no car is charging there: the session ends when the request arrives, the answer comes 0.1–3 s later.
    /// </summary>
    public Task<SessionStopResult> StopSessionAsync(int connectorId, CancellationToken cancellationToken)
    {
        var answerIn = _behaviour.MinAnswer + ((_behaviour.MaxAnswer - _behaviour.MinAnswer) * _stopRandom.NextDouble());
        return _behaviour.OneCallAtATime
            ? _gate.Call(0, () => StopSession(connectorId - 1, answerIn, cancellationToken), cancellationToken)
            : StopSession(connectorId - 1, answerIn, cancellationToken);
    }

    private Task<SessionStopResult> StopSession(int i, TimeSpan answerIn, CancellationToken cancellationToken)
    {
        var connector = _connectors[i];
        var now = _site.Now;
        var stopped = !_behaviour.RejectsSessionStop && connector.Car is { SessionEnded: false };
        if (stopped)
        {
            connector.Car!.EndSession(now);
            SessionsEnded.Add((connector.Index, now));
        }

        return _answers.Later(
            now + answerIn,
            () => new SessionStopResult(stopped ? SetpointOutcome.Accepted : SetpointOutcome.Rejected, stopped ? "Accepted (simulated)" : "Rejected (simulated)"),
            cancellationToken);
    }
}
