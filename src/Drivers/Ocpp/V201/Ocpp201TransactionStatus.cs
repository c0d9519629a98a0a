using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Control;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.Drivers.Ocpp.V201.Messages;
using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Ocpp.V201;

/// <summary>
/// GetTransactionStatus (OCPP 2.0.1, E14) and what the edge asks it for (docs/ocpp.md, "Transactions"): whether events the
/// edge has not seen are still queued on the station — after an Ended whose seqNos have a gap, and, after a reconnect, for
/// each transaction the edge believes running there (one that ended meanwhile with nothing left to send frees its EVSE).
/// </summary>
public static class Ocpp201TransactionStatus
{
    /// <param name="givesWay">Asked of the edge's own accord after a reconnect: it gives way to any other call (<see cref="OcppGivingWay"/>).</param>
    public static async Task<ChargerTransactionStatus> AskAsync(OcppChargePoint chargePoint, string? transactionId, CancellationToken cancellationToken, bool givesWay = false)
    {
        ArgumentNullException.ThrowIfNull(chargePoint);
        if (transactionId is { Length: 0 or > 36 })
        {
            throw new ArgumentException("an OCPP 2.0.1 transactionId is 1 to 36 characters", nameof(transactionId));
        }

        var answer = await chargePoint.CallAsync(Ocpp201Action.GetTransactionStatus, new GetTransactionStatusRequest(transactionId),
            Ocpp201JsonContext.Default.GetTransactionStatusRequest, Ocpp201JsonContext.Default.GetTransactionStatusResponse, cancellationToken, givesWay: givesWay).ConfigureAwait(false);
        return new ChargerTransactionStatus(answer.OngoingIndicator, answer.MessagesInQueue);
    }

    /// <summary>
    /// An Ended came with <paramref name="missing"/> seqNos below it never seen: the station is asked whether it still holds
    /// them (E14.FR.04). Queued, they are on their way (info) — and if some have still not come (<paramref name="stillMissing"/>)
    /// after <see cref="OcppServerOptions.QueuedEventsGrace"/>, a warning says so; none queued, or no answer, they are lost (a warning).
    /// A station that goes away meanwhile ends the wait without a word: it replays its queue when it is back.
    /// </summary>
    public static async Task AfterGapAsync(
        OcppChargePoint chargePoint, string transactionId, int endedSeqNo, int missing, Func<int> stillMissing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chargePoint);
        ArgumentNullException.ThrowIfNull(stillMissing);
        ChargerTransactionStatus? status = null;
        try
        {
            status = await AskAsync(chargePoint, transactionId, cancellationToken).ConfigureAwait(false);
        }
        catch (OcppRpcException e)
        {
            Log(chargePoint, $"GetTransactionStatus for {transactionId} not answered: {e.Message}");
        }

        var gap = $"Transaction {transactionId} ended at seqNo {endedSeqNo}; {missing} earlier event(s)";
        if (status is not { MessagesInQueue: true })
        {
            await Missing(chargePoint, $"{gap} never arrived{(status is null ? " (the station did not say whether it holds them)" : " and the station holds none")}", cancellationToken).ConfigureAwait(false);
            return;
        }

        await chargePoint.Context.PublishAsync("info", chargePoint.Id, "ocpp.transaction-events-queued", $"{gap} have not arrived yet: the station still holds them", cancellationToken).ConfigureAwait(false);
        var grace = chargePoint.Context.Options.QueuedEventsGrace;
        await Task.Delay(grace, chargePoint.Context.Time, cancellationToken).ConfigureAwait(false);
        if (stillMissing() is > 0 and var left)
        {
            await Missing(chargePoint, $"Transaction {transactionId} ended at seqNo {endedSeqNo}; {left} earlier event(s) the station said it still held have not arrived within {(int)grace.TotalSeconds} s", cancellationToken).ConfigureAwait(false);
        }
    }

    private static Task Missing(OcppChargePoint chargePoint, string message, CancellationToken cancellationToken) =>
        chargePoint.Context.PublishAsync("warning", chargePoint.Id, "ocpp.transaction-events-missing", message, cancellationToken);

    /// <summary>
    /// After a reconnect, each transaction the edge believes running on the station: one the station says ended, with none
    /// of its events left to send, will never bring its Ended, so its EVSE is freed (the balancer stops keeping room for it)
    /// and a warning says so. Ongoing, or still queued, it is left as it is: its events come. Each ask gives way to any other call.
    /// </summary>
    public static async Task AfterReconnectAsync(OcppChargePoint chargePoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chargePoint);
        foreach (var (evseId, transactionId) in chargePoint.Connectors.Where(c => c.TransactionId is not null).Select(c => (c.ConnectorId, c.TransactionId!)).ToList())
        {
            ChargerTransactionStatus status;
            try
            {
                // One such ask per transaction, each the call timeout on a station that never answers: none holds up a limit.
                status = await OcppGivingWay.AskAsync(chargePoint, () => AskAsync(chargePoint, transactionId, cancellationToken, givesWay: true)).ConfigureAwait(false);
            }
            catch (OcppRpcException e)
            {
                Log(chargePoint, $"GetTransactionStatus for {transactionId} not answered: {e.Message}");
                continue;
            }

            if (status is { Ongoing: false, MessagesInQueue: false })
            {
                chargePoint.UpdateConnector(evseId, c => c.TransactionId == transactionId ? c with { TransactionId = null, Needs = null } : c);

                // Its TxProfile went with it (K01): the limit lapses and goes again, as at a live Ended (the limits re-sent on this
                // reconnect went as that transaction's and were refused).
                if (!chargePoint.Limits.TransactionEnded(evseId, transactionId))
                {
                    chargePoint.Limits.SendAgainSoon(evseId);
                }

                await chargePoint.Context.PublishAsync("warning", chargePoint.Id, "ocpp.transaction-events-missing",
                    $"Transaction {transactionId} on EVSE {evseId} ended while the station was away and it holds none of its events: its end will not be reported", cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static void Log(OcppChargePoint chargePoint, string message) =>
        OcppLog.ChargePointInfo(chargePoint.Context.LoggerFactory.CreateLogger<OcppServer>(), chargePoint.Id, message);
}
