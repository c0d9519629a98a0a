using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.V201.Messages;
using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Ocpp.V201.Handlers;

/// <summary>
/// TransactionEvent (OCPP 2.0.1, E01–E15): Started, Updated and Ended of one station transaction
/// make one session whose transaction id is the station's string (docs/ocpp.md, "OCPP 2.0.1"). The
/// store's start is keyed by the station and its transactionId, and its stop likewise, so a repeated
/// or replayed event (offline, after a reconnect or an edge restart) is recorded once; whichever event
/// of a transaction comes first opens it (an offline station may have lost the Started). Meter values
/// are recorded once each (by payload). The seqNo rules are in <see cref="Ocpp201SeqNos"/>: a seqNo seen
/// before is a repeat (answered, nothing recorded again), an event older than the newest seen (or
/// after the Ended) and an offline one record their data but leave the EVSE's live state alone, and
/// a gap found when the transaction ends is reported — lost (<c>ocpp.transaction-events-missing</c>) unless the station
/// says it still holds them (<see cref="Ocpp201TransactionStatus.AfterGapAsync"/>). Where the station shows tariff and cost, the
/// answer carries the driver's price and the transaction's running or final cost (<see cref="Ocpp201CostDisplay"/>).
/// An event that names no EVSE is on the one an earlier event of its transaction named (<see cref="Ocpp201TransactionEvses"/>),
/// the one running it, or the one the store's start names; with none of these its state is applied nowhere (never to EVSE 0).
/// </summary>
public sealed class TransactionEventCallHandler(Ocpp201Stations stations)
    : OcppActionHandler<TransactionEventRequest, TransactionEventResponse>(Ocpp201Action.TransactionEvent, Ocpp201JsonContext.Default.TransactionEventRequest, Ocpp201JsonContext.Default.TransactionEventResponse)
{
    private readonly Ocpp201SeqNos _seqNos = new();
    private readonly Ocpp201TransactionEvses _evses = new();

    protected override int? ConnectorOf(TransactionEventRequest request) => request.Evse?.Id;

    protected override async Task<TransactionEventResponse> HandleAsync(OcppCallContext context, TransactionEventRequest request, CancellationToken cancellationToken)
    {
        var chargePoint = context.ChargePoint;
        var transaction = request.TransactionInfo.TransactionId;
        var station = stations.Get(chargePoint.Id);
        if (request.Evse is { Id: > 0 } named)
        {
            _evses.Link(chargePoint.Id, transaction, named.Id);
        }

        var known = request.Evse is { Id: > 0 } ? request.Evse.Id : _evses.Find(chargePoint.Id, transaction) ?? chargePoint.ConnectorOfTransaction(transaction);
        var info = request.IdToken is { } token
            ? await Ocpp201CostDisplay.WithPriceAsync(context, station, await Ocpp201Authorization.InfoAsync(context, token, cancellationToken).ConfigureAwait(false), token, known, cancellationToken).ConfigureAwait(false)
            : null;
        var order = _seqNos.Classify(chargePoint.Id, transaction, request.SeqNo);
        if (order == Ocpp201SeqNos.Order.Repeat)
        {
            return new TransactionEventResponse(info);
        }

        var services = context.Services;
        var values = Ocpp201Samples.ToStoreForm(request.MeterValue);
        var firstWh = FirstEnergyWh(request) ?? (known is { } evse ? chargePoint.GetConnector(evse).EnergyWh : 0);
        var storeId = await services.Store.StartTransactionAsync(
            new OcppTransactionStart(Key(chargePoint.Id, transaction, "start"), chargePoint.Id, known ?? 0, request.IdToken?.Token ?? "", (long)firstWh, request.Timestamp, null, transaction),
            cancellationToken).ConfigureAwait(false);
        var evseId = known ?? await FromStoreAsync(context, transaction, storeId, cancellationToken).ConfigureAwait(false);
        if (values.Count > 0)
        {
            await services.Store.RecordMeterValuesAsync(new OcppMeterValuesRecord(context.IdempotencyKey, chargePoint.Id, evseId ?? 0, storeId, values), cancellationToken).ConfigureAwait(false);
        }

        var ended = request.EventType == "Ended";
        if (ended)
        {
            _evses.Ended(chargePoint.Id, transaction); // its link goes first once the station has too many (docs/ocpp.md, TransactionEvent)
        }

        var live = order == Ocpp201SeqNos.Order.Newest && request.Offline != true;
        if (evseId is not { } onEvse)
        {
            // No EVSE 0 state: OcppCharger never reports it, and the EVSE the car is on would lose its currents and transaction.
            if (_evses.FirstMiss(chargePoint.Id, transaction))
            {
                OcppLog.ChargePointWarning(context.Services.LoggerFactory.CreateLogger<OcppServer>(), chargePoint.Id,
                    $"TransactionEvent of transaction {transaction} names no EVSE and the edge knows none for it: its state is not applied until one does");
            }
        }
        else if (live)
        {
            await Ocpp201LiveSamples.ApplyAsync(context, onEvse, values, cancellationToken).ConfigureAwait(false);
        }

        if (evseId is { } target && (live || ended))
        {
            // An Ended always frees the EVSE, also one replayed offline; an older event never takes it back.
            chargePoint.UpdateConnector(target, c => c with
            {
                TransactionId = ended ? (c.TransactionId == transaction ? null : c.TransactionId) : transaction,
                Needs = ended && c.TransactionId == transaction ? null : c.Needs, // the next car says its own
                State = ended ? c.State : StateOf(request.TransactionInfo.ChargingState) ?? c.State,
            });
        }

        if (ended && evseId is { } endedOn)
        {
            // The station drops the transaction's TxProfiles (K01): the edge's limit lapses, and goes again, where it went as one
            // (also an Ended replayed offline: the profile went with the transaction then). Live, the limit goes again in any case:
            // a remote start's TxProfile took the EVSE's profile id (K05).
            if (!chargePoint.Limits.TransactionEnded(endedOn, transaction) && live)
            {
                chargePoint.Limits.SendAgainSoon(endedOn);
            }
        }

        if (!ended)
        {
            _seqNos.Seen(chargePoint.Id, transaction, request.SeqNo, ended: false, services.Time.GetUtcNow());
            var moment = new Ocpp201CostMoment(evseId ?? 0, transaction, live && evseId is not null, Ocpp201Samples.EnergyWh(request.MeterValue) is not null);
            return await Ocpp201CostDisplay.WithCostAsync(context, station, new TransactionEventResponse(info), moment, null, cancellationToken).ConfigureAwait(false);
        }

        var stopWh = Ocpp201Samples.EnergyWh(request.MeterValue) ?? (evseId is { } stoppedOn ? chargePoint.GetConnector(stoppedOn).EnergyWh : firstWh);
        var result = await services.Store.StopTransactionAsync(
            new OcppTransactionStop(Key(chargePoint.Id, transaction, "stop"), chargePoint.Id, storeId, request.IdToken?.Token, (long)stopWh, request.Timestamp, request.TransactionInfo.StoppedReason ?? "Local", values, transaction),
            cancellationToken).ConfigureAwait(false);
        var missing = _seqNos.Seen(chargePoint.Id, transaction, request.SeqNo, ended: true, services.Time.GetUtcNow());
        if (result.RecordedNow)
        {
            var session = result.Session;
            await services.PublishAsync("info", chargePoint.Id, "ocpp.session-finished", $"Transaction {transaction} finished: {session.EnergyWh?.ToString("0", System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"} Wh, {session.StopReason}", cancellationToken).ConfigureAwait(false);
            if (missing > 0)
            {
                // Asked after the reply: the station may be holding them still (E14), and answers only once it has this one's.
                var seqNo = request.SeqNo;
                context.AfterReply.Add(ct => Ocpp201TransactionStatus.AfterGapAsync(chargePoint, transaction, seqNo, missing, () => _seqNos.Missing(chargePoint.Id, transaction, seqNo), ct));
            }
        }

        return await Ocpp201CostDisplay.WithCostAsync(context, station, new TransactionEventResponse(info), new(evseId ?? 0, transaction, live && evseId is not null, false), result, cancellationToken).ConfigureAwait(false);
    }

    // The EVSE the store's start of the transaction named (an edge restart lost the link); linked for the next events.
    private async Task<int?> FromStoreAsync(OcppCallContext context, string transaction, int storeId, CancellationToken cancellationToken)
    {
        if (await context.Services.Store.FindStartConnectorAsync(storeId, context.ChargePoint.Id, cancellationToken).ConfigureAwait(false) is not { } evseId || evseId <= 0)
        {
            return null;
        }

        _evses.Link(context.ChargePoint.Id, transaction, evseId);
        return evseId;
    }

    // By station and transaction, not by payload: a replay whose payload differs (another timestamp) is still the same start or stop.
    private static string Key(string chargePointId, string transactionId, string part) => $"{chargePointId}:{Ocpp201Action.TransactionEvent}:{transactionId}:{part}";

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
}
