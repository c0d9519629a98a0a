using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.EdgeAgent.Pricing;
using ChargeNet.EdgeAgent.Storage;

namespace ChargeNet.EdgeAgent.Sessions;

/// <summary>
/// The OCPP central system's transaction port over the store: the store keeps ids and message keys
/// (exactly once across reconnects and restarts), <see cref="SessionRecorder"/> shapes the session
/// records, and a stop's key, finished session and outbox copy are written by one store call. A
/// session takes the budget waiting for its idTag on its charger (<see cref="PendingBudgets"/>) at its
/// start, and ends as <see cref="SessionBudget.StopReason"/> once the edge found that budget reached.
/// </summary>
public sealed class OcppSessionLedger : IOcppTransactionStore
{
    private readonly IOcppTransactionLedger _ledger;
    private readonly SessionRecorder _recorder;
    private readonly PendingBudgets? _budgets;

    public OcppSessionLedger(IEdgeStore store, SessionRecorder recorder, PendingBudgets? budgets = null)
    {
        _ledger = store.OcppTransactions;
        _recorder = recorder;
        _budgets = budgets;
    }

    /// <summary>A ledger with a recorder of its own and no pricing (tests and tools).</summary>
    public static OcppSessionLedger Over(IEdgeStore store, TimeProvider? time = null) =>
        new(store, new SessionRecorder(store, time ?? TimeProvider.System));

    public async Task<int> StartTransactionAsync(OcppTransactionStart start, CancellationToken cancellationToken)
    {
        var tariff = await _recorder.TariffForAsync(start.ChargePointId, start.ConnectorId, start.IdTag, cancellationToken).ConfigureAwait(false);
        var budget = _budgets?.Take(start.ChargePointId, start.IdTag);
        var started = await _ledger.StartTransactionAsync(start, tariff, budget, cancellationToken).ConfigureAwait(false);
        if (started.Session.StoppedAt is null)
        {
            _recorder.Track(started.Session);
        }

        return started.TransactionId;
    }

    public Task<string?> FindTransactionOwnerAsync(int transactionId, CancellationToken cancellationToken) =>
        _ledger.FindTransactionOwnerAsync(transactionId, cancellationToken);

    public async Task<int?> FindStartConnectorAsync(int transactionId, string chargePointId, CancellationToken cancellationToken) =>
        (await _ledger.FindStartAsync(transactionId, chargePointId, cancellationToken).ConfigureAwait(false))?.Start.ConnectorId;

    public async Task RecordMeterValuesAsync(OcppMeterValuesRecord meterValues, CancellationToken cancellationToken)
    {
        var readings = meterValues.TransactionId is null ? [] : OcppEnergyReadings.From(meterValues.MeterValues);
        await _ledger.RecordMeterValuesAsync(meterValues, readings, cancellationToken).ConfigureAwait(false);
        if (readings.Count > 0 && meterValues.TransactionId is { } transactionId
            && await _ledger.FindStartAsync(transactionId, meterValues.ChargePointId, cancellationToken).ConfigureAwait(false) is { } started)
        {
            _recorder.AddReadings(started.Session.Id, started.Session.ChargerId, started.Session.ConnectorId, readings);
        }
    }

    public async Task<OcppStopResult> StopTransactionAsync(OcppTransactionStop stopped, CancellationToken cancellationToken)
    {
        // By id AND charge point: another charge point's transaction is never this stop's start.
        var started = await _ledger.FindStartAsync(stopped.TransactionId, stopped.ChargePointId, cancellationToken).ConfigureAwait(false);
        var built = OcppSessionBuilder.Build(stopped, started?.Start);

        // A stop for a transaction this edge never saw start (including -1) is still billing data: keep it.
        var sessionId = started?.Session.Id ?? built.Id;
        var session = built with { Id = sessionId };
        if (await _ledger.WasRecordedAsync(stopped.IdempotencyKey, cancellationToken).ConfigureAwait(false))
        {
            return new OcppStopResult(session, false);
        }

        var readings = OcppEnergyReadings.From(stopped.TransactionData).Append(new EnergyReading(stopped.StoppedAt, stopped.MeterStopWh));
        var stored = started?.Session;
        var finished = await _recorder.CompleteAsync(new ChargingSession(
            sessionId, session.ChargePointId, session.ConnectorId ?? 0, session.TransactionId, session.IdTag,
            session.StartedAt ?? session.StoppedAt, session.StoppedAt, session.EnergyWh ?? 0,
            stored?.Budget?.ReachedAt is null ? session.StopReason : SessionBudget.StopReason, stored?.TariffId, Budget: stored?.Budget)
        {
            Usage = (stored?.Usage ?? SessionUsage.None).WithReadings(readings),
        }, cancellationToken).ConfigureAwait(false);
        var recorded = await _ledger.RecordStopAsync(stopped.IdempotencyKey, finished, _recorder.CopyOf(finished), cancellationToken).ConfigureAwait(false);
        if (recorded)
        {
            await _recorder.FinishedAsync(finished, cancellationToken).ConfigureAwait(false);
        }

        return new OcppStopResult(session, recorded);
    }
}
