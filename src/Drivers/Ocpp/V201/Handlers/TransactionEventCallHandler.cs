using System.Collections.Concurrent;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Ocpp.V201.Handlers;

/// <summary>
/// TransactionEvent (OCPP 2.0.1, E01–E15): Started, Updated and Ended of one station transaction
/// make one session (docs/ocpp.md, "OCPP 2.0.1"). The store's start is keyed by the station and its
/// transactionId, and its stop likewise, so a repeated or replayed event (offline, after a reconnect
/// or an edge restart) is recorded once; whichever event of a transaction comes first opens it (an
/// offline station may have lost the Started). Meter values are recorded once each (by payload) and
/// fed into the EVSE's live state; the chargingState says whether the car charges. A gap in the
/// seqNos of a transaction is reported when it ends (event <c>ocpp.transaction-events-missing</c>).
/// </summary>
public sealed class TransactionEventCallHandler()
    : OcppActionHandler<TransactionEventRequest, TransactionEventResponse>(Ocpp201Action.TransactionEvent, Ocpp201JsonContext.Default.TransactionEventRequest, Ocpp201JsonContext.Default.TransactionEventResponse)
{
    private readonly ConcurrentDictionary<string, SeqNos> _seen = new(StringComparer.Ordinal);

    protected override int? ConnectorOf(TransactionEventRequest request) => request.Evse?.Id;

    protected override async Task<TransactionEventResponse> HandleAsync(OcppCallContext context, TransactionEventRequest request, CancellationToken cancellationToken)
    {
        var chargePoint = context.ChargePoint;
        var services = context.Services;
        var transaction = request.TransactionInfo.TransactionId;
        var evseId = request.Evse?.Id ?? chargePoint.ConnectorOfTransaction(transaction) ?? 0;
        var values = Ocpp201Samples.ToStoreForm(request.MeterValue);
        var info = request.IdToken is { } token ? await Ocpp201Authorization.InfoAsync(context, token, cancellationToken).ConfigureAwait(false) : null;
        var live = chargePoint.GetConnector(evseId);
        var firstWh = FirstEnergyWh(request) ?? live.EnergyWh;
        var storeId = await services.Store.StartTransactionAsync(
            new OcppTransactionStart($"{chargePoint.Id}:{Ocpp201Action.TransactionEvent}:{transaction}:start", chargePoint.Id, evseId, request.IdToken?.Token ?? "", (long)firstWh, request.Timestamp, null),
            cancellationToken).ConfigureAwait(false);
        if (values.Count > 0)
        {
            await services.Store.RecordMeterValuesAsync(new OcppMeterValuesRecord(context.IdempotencyKey, chargePoint.Id, evseId, storeId, values), cancellationToken).ConfigureAwait(false);
        }

        var ended = request.EventType == "Ended";
        var seqNos = _seen.GetOrAdd(chargePoint.Id + "\n" + transaction, _ => new SeqNos());
        seqNos.Add(request.SeqNo);
        await Ocpp201LiveSamples.ApplyAsync(context, evseId, values, cancellationToken).ConfigureAwait(false);
        chargePoint.UpdateConnector(evseId, c => c with
        {
            TransactionId = ended ? null : transaction,
            State = ended ? c.State : StateOf(request.TransactionInfo.ChargingState) ?? c.State,
        });
        if (!ended)
        {
            return new TransactionEventResponse(info);
        }

        var stopWh = Ocpp201Samples.EnergyWh(request.MeterValue) ?? chargePoint.GetConnector(evseId).EnergyWh;
        var result = await services.Store.StopTransactionAsync(
            new OcppTransactionStop($"{chargePoint.Id}:{Ocpp201Action.TransactionEvent}:{transaction}:stop", chargePoint.Id, storeId, request.IdToken?.Token, (long)stopWh, request.Timestamp, request.TransactionInfo.StoppedReason ?? "Local", values),
            cancellationToken).ConfigureAwait(false);
        _seen.TryRemove(chargePoint.Id + "\n" + transaction, out _);
        if (result.RecordedNow)
        {
            var session = result.Session;
            await services.PublishAsync("info", chargePoint.Id, "ocpp.session-finished", $"Transaction {transaction} finished: {session.EnergyWh?.ToString("0", System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"} Wh, {session.StopReason}", cancellationToken).ConfigureAwait(false);
            if (seqNos.Missing(request.SeqNo) is > 0 and var missing)
            {
                await services.PublishAsync("warning", chargePoint.Id, "ocpp.transaction-events-missing", $"Transaction {transaction} ended at seqNo {request.SeqNo}; {missing} earlier event(s) never arrived", cancellationToken).ConfigureAwait(false);
            }
        }

        return new TransactionEventResponse(info);
    }

    private static double? FirstEnergyWh(TransactionEventRequest request) =>
        request.MeterValue is { Count: > 0 } values ? Ocpp201Samples.EnergyWh([values.MinBy(v => v.Timestamp)!]) : null;

    private static ConnectorState? StateOf(string? chargingState) => chargingState switch
    {
        "Charging" => ConnectorState.Charging,
        "EVConnected" => ConnectorState.CarConnected,
        "SuspendedEV" => ConnectorState.SuspendedByCar,
        "SuspendedEVSE" => ConnectorState.SuspendedByController,
        "Idle" => ConnectorState.Available,
        _ => null,
    };

    /// <summary>The seqNos seen of one transaction since the edge started (a gap counts only what this run saw).</summary>
    private sealed class SeqNos
    {
        private readonly HashSet<int> _numbers = [];

        public void Add(int seqNo)
        {
            lock (_numbers)
            {
                _numbers.Add(seqNo);
            }
        }

        /// <summary>How many numbers from the lowest seen up to <paramref name="last"/> never came.</summary>
        public int Missing(int last)
        {
            lock (_numbers)
            {
                return _numbers.Count == 0 ? 0 : Math.Max(0, last - _numbers.Min() + 1 - _numbers.Count(n => n <= last));
            }
        }
    }
}
