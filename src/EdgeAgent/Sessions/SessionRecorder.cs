using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Pricing;
using ChargeNet.EdgeAgent.Storage;

namespace ChargeNet.EdgeAgent.Sessions;

/// <summary>
/// The one producer of charging session records, whatever protocol reported the session: Modbus and
/// simulated chargers through <see cref="SessionTracker"/>, OCPP through <see cref="OcppSessionLedger"/>.
/// It keeps each open session's usage (energy readings, idle and paused time), gives a session its
/// tariff and cost (<see cref="ISessionCostSource"/>), and writes a finished session and its cloud
/// outbox copy with one store call (docs/sessions.md). Nothing is called back inside a store transaction.
/// </summary>
public sealed class SessionRecorder
{
    private readonly IEdgeStore _store;
    private readonly ISessionCostSource _costs;
    private readonly TimeProvider _time;
    private readonly CloudOutbox? _outbox;
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Charger, int Connector), OpenSession> _open = [];
    private bool _loaded;

    public SessionRecorder(IEdgeStore store, TimeProvider time, ISessionCostSource? costs = null, CloudOutbox? outbox = null)
    {
        _store = store;
        _time = time;
        _costs = costs ?? NoSessionCost.Instance;
        _outbox = outbox;
    }

    /// <summary>
    /// After a session started, got readings from its charger, or finished (stored): outside every lock and
    /// store transaction. A listener only takes note (e.g. queues work); it must not throw.
    /// </summary>
    public event Action<SessionChange>? Changed;

    /// <summary>The open session on a connector, with its usage and running cost as of <paramref name="now"/>; null when none.</summary>
    public ChargingSession? Running(string chargerId, int connectorId, DateTimeOffset now)
    {
        lock (_lock)
        {
            return _open.TryGetValue((chargerId, connectorId), out var open) ? Priced(open.Record with { Usage = open.Usage.Snapshot(now, open.Record.Usage.Readings) }, now) : null;
        }
    }

    /// <summary>The tariff a session starting now pays (null without pricing).</summary>
    public Task<string?> TariffForAsync(string chargerId, int connectorId, string? idTag, CancellationToken cancellationToken) =>
        _costs.TariffForAsync(chargerId, connectorId, idTag, cancellationToken);

    /// <summary>Loads the sessions that were open when the daemon stopped (once): they carry on, or end at the first look.</summary>
    public async Task<IReadOnlyList<ChargingSession>> LoadOpenAsync(CancellationToken cancellationToken)
    {
        var stored = _loaded ? [] : await _store.Sessions.ListOpenAsync(cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            if (!_loaded)
            {
                foreach (var session in stored)
                {
                    _open.TryAdd((session.ChargerId, session.ConnectorId), new OpenSession(session));
                }

                _loaded = true;
            }

            return [.. _open.Values.Select(o => o.Record)];
        }
    }

    /// <summary>Opens a session the edge derived (no OCPP transaction): gives it its tariff and stores it.</summary>
    public async Task<ChargingSession> OpenAsync(ChargingSession session, CancellationToken cancellationToken)
    {
        var opened = session with { TariffId = session.TariffId ?? await _costs.TariffForAsync(session.ChargerId, session.ConnectorId, session.IdTag, cancellationToken).ConfigureAwait(false) };
        await _store.Sessions.UpsertAsync(opened, cancellationToken).ConfigureAwait(false);
        Track(opened);
        return opened;
    }

    /// <summary>Follows a session already stored as open (an OCPP transaction's, written with its start).</summary>
    public void Track(ChargingSession opened)
    {
        bool isNew;
        lock (_lock)
        {
            var key = (opened.ChargerId, opened.ConnectorId);
            isNew = !_open.TryGetValue(key, out var open) || open.Record.Id != opened.Id;
            if (isNew)
            {
                _open[key] = new OpenSession(opened);
            }
        }

        if (isNew)
        {
            Changed?.Invoke(new SessionChange(SessionChangeKind.Started, opened));
        }
    }

    /// <summary>Every open session, with its running cost as of <paramref name="now"/>.</summary>
    public IReadOnlyList<ChargingSession> RunningAll(DateTimeOffset now)
    {
        List<(string Charger, int Connector)> keys;
        lock (_lock)
        {
            keys = [.. _open.Keys];
        }

        return [.. keys.Select(k => Running(k.Charger, k.Connector, now)).OfType<ChargingSession>()];
    }

    /// <summary>The open session on a connector, as last recorded; null when none.</summary>
    public ChargingSession? OpenOn(string chargerId, int connectorId)
    {
        lock (_lock)
        {
            return _open.TryGetValue((chargerId, connectorId), out var open) ? open.Record : null;
        }
    }

    /// <summary>What the control loop saw on a connector at <paramref name="now"/>; counts toward its open session's idle or paused time.</summary>
    public void Observe(string chargerId, int connectorId, DateTimeOffset now, ConnectorUse use, double? energyRegisterWh)
    {
        ChargingSession? metered = null;
        lock (_lock)
        {
            if (_open.TryGetValue((chargerId, connectorId), out var open))
            {
                open.Usage.Observe(now, use);
                if (energyRegisterWh is { } wh && open.Record.TransactionId is null)
                {
                    // OCPP sessions take their readings from the charger's own meter values.
                    open.Usage.Read(new EnergyReading(now, (decimal)wh));

                    // A budget not yet reached is checked at each reading, as an OCPP charger's MeterValues are.
                    metered = open.Record.Budget is { ReachedAt: null } ? open.Record : null;
                }
            }
        }

        if (metered is not null)
        {
            Changed?.Invoke(new SessionChange(SessionChangeKind.Metered, metered));
        }
    }

    /// <summary>Energy readings an OCPP charger reported for an open session (also kept in the store): for its running cost.</summary>
    public void AddReadings(string sessionId, string chargerId, int connectorId, IReadOnlyList<EnergyReading> readings)
    {
        ChargingSession? metered = null;
        lock (_lock)
        {
            if (_open.TryGetValue((chargerId, connectorId), out var open) && open.Record.Id == sessionId)
            {
                readings.ToList().ForEach(open.Usage.Read);
                metered = open.Record;
            }
        }

        if (metered is not null)
        {
            Changed?.Invoke(new SessionChange(SessionChangeKind.Metered, metered));
        }
    }

    /// <summary>
    /// The finished record of <paramref name="finished"/>: its usage as kept while it ran (merged with
    /// the readings it carries), its tariff and its cost. Changes nothing.
    /// </summary>
    public async Task<ChargingSession> CompleteAsync(ChargingSession finished, CancellationToken cancellationToken)
    {
        var stop = finished.StoppedAt ?? _time.GetUtcNow();
        SessionUsage usage;
        lock (_lock)
        {
            usage = _open.TryGetValue((finished.ChargerId, finished.ConnectorId), out var open) && open.Record.Id == finished.Id
                ? open.Usage.Snapshot(stop, finished.Usage.Readings)
                : finished.Usage;
        }

        var tariff = finished.TariffId ?? await _costs.TariffForAsync(finished.ChargerId, finished.ConnectorId, finished.IdTag, cancellationToken).ConfigureAwait(false);
        return Priced(finished with { TariffId = tariff, Usage = usage }, stop);
    }

    /// <summary>The cloud outbox copy of a finished session (docs/mqtt.md, "sessions").</summary>
    public OutboxCopy CopyOf(ChargingSession finished) => new(CloudTopics.Sessions, CloudPayloads.Session(finished), _time.GetUtcNow());

    /// <summary>
    /// Finishes a session the edge derived: completes it (<see cref="CompleteAsync"/>) and writes it with its
    /// outbox copy in one store call. When the write fails the session stays open here, to be ended again.
    /// </summary>
    public async Task<ChargingSession> FinishAsync(ChargingSession finished, CancellationToken cancellationToken)
    {
        var record = await CompleteAsync(finished, cancellationToken).ConfigureAwait(false);
        await _store.Sessions.SaveAsync(record, CopyOf(record), cancellationToken).ConfigureAwait(false);
        await FinishedAsync(record, cancellationToken).ConfigureAwait(false);
        return record;
    }

    /// <summary>After a finished session and its copy were written: forgets it here and tells the outbox.</summary>
    public async Task FinishedAsync(ChargingSession finished, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var key = (finished.ChargerId, finished.ConnectorId);
            if (_open.TryGetValue(key, out var open) && open.Record.Id == finished.Id)
            {
                _open.Remove(key);
            }
        }

        Changed?.Invoke(new SessionChange(SessionChangeKind.Finished, finished));
        if (_outbox is not null)
        {
            await _outbox.WrittenAsync(CloudTopics.Sessions, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Notes that an open session reached its budget at <paramref name="at"/>: stored first (so a stop that
    /// follows, also after a restart, is recorded as <see cref="SessionBudget.StopReason"/>), then kept here.
    /// False when the session has no budget or is no longer open.
    /// </summary>
    public async Task<bool> BudgetReachedAsync(ChargingSession open, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (open.Budget is not { } budget)
        {
            return false;
        }

        var reached = budget with { ReachedAt = at };
        if (!await _store.Sessions.SetBudgetAsync(open.Id, reached, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        lock (_lock)
        {
            if (_open.TryGetValue((open.ChargerId, open.ConnectorId), out var kept) && kept.Record.Id == open.Id)
            {
                kept.Record = kept.Record with { Budget = reached };
            }
        }

        return true;
    }

    /// <summary>
    /// Gives a running session that has no budget <paramref name="budget"/> (a budget set on its connector,
    /// docs/pricing.md "Budgets"); with <paramref name="idTag"/> the session becomes that payer's and pays its
    /// tariff, as if it had started with it. Stored first. False when the session already has a budget or is no longer open.
    /// </summary>
    public async Task<bool> GiveBudgetAsync(ChargingSession open, SessionBudget budget, string? idTag, CancellationToken cancellationToken)
    {
        if (open.Budget is not null)
        {
            return false;
        }

        if (budget.EnergyWh is not null)
        {
            budget = budget with { NeedsFromWh = open.EnergyWh }; // a need said mid-session is what it still needs from now
        }

        var tariff = idTag is null ? open.TariffId : await _costs.TariffForAsync(open.ChargerId, open.ConnectorId, idTag, cancellationToken).ConfigureAwait(false);
        if (!await _store.Sessions.SetBudgetAsync(open.Id, budget, cancellationToken, idTag is null ? null : (idTag, tariff)).ConfigureAwait(false))
        {
            return false;
        }

        ChargingSession given;
        lock (_lock)
        {
            if (!_open.TryGetValue((open.ChargerId, open.ConnectorId), out var kept) || kept.Record.Id != open.Id)
            {
                return false;
            }

            kept.Record = given = kept.Record with { Budget = budget, IdTag = idTag ?? kept.Record.IdTag, TariffId = tariff };
        }

        Changed?.Invoke(new SessionChange(SessionChangeKind.Metered, given));
        return true;
    }

    /// <summary>Sets the energy so far of an open session's in-memory record; the rest (its budget, payer, usage) stays as kept.</summary>
    public void Update(ChargingSession open)
    {
        lock (_lock)
        {
            if (_open.TryGetValue((open.ChargerId, open.ConnectorId), out var kept) && kept.Record.Id == open.Id)
            {
                // Only the energy: a budget given or reached since the caller read the record is not undone.
                kept.Record = kept.Record with { EnergyWh = open.EnergyWh };
            }
        }
    }

    private ChargingSession Priced(ChargingSession session, DateTimeOffset asOf) => session with { Cost = _costs.CostOf(session, asOf) };

    private sealed class OpenSession(ChargingSession record)
    {
        public ChargingSession Record { get; set; } = record;

        public UsageMeter Usage { get; } = new(record.Usage);
    }
}
