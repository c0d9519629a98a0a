using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Ocpp.V201;

/// <summary>
/// Tariff and cost in the answers to a 2.0.1 station's own messages ([OCPP 2.0.1] Part 2, functional block I;
/// docs/ocpp.md, "Tariff and cost on a 2.0.1 station"), given only where its device model reports the
/// TariffCostCtrlr available and enabled — instance <c>Tariff</c> for the driver's price (I01: the
/// personalMessage of an Accepted idTokenInfo), instance <c>Cost</c> for the cost (I02.FR.01: the running
/// totalCost of an Updated; I03: the final totalCost of the Ended, with the total as updatedPersonalMessage).
/// The figures are the central system's cost port's (<see cref="IOcppCostSource"/>); the running cost also
/// goes as CostUpdated, sent by the daemon (<see cref="Ocpp201ChargePointControl.ShowRunningCostAsync"/>).
/// </summary>
public static class Ocpp201CostDisplay
{
    /// <summary>MessageContentType.content's maxLength ([Schemas 2.0.1]).</summary>
    public const int MaxContentLength = 512;

    /// <summary>The edge's texts are English in UTF-8 (a currency or tariff name may be any character).</summary>
    public static MessageContent Message(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // The schema counts characters; a UTF-16 cut never has more, and a pair is never cut in half.
        var cut = text.Length <= MaxContentLength ? text.Length : char.IsHighSurrogate(text[MaxContentLength - 1]) ? MaxContentLength - 1 : MaxContentLength;
        return new MessageContent("UTF8", text[..cut], "en");
    }

    /// <summary>The token's info with the driver's price as its personalMessage (I01), where it is Accepted and the station shows tariffs.</summary>
    public static async Task<IdTokenInfo> WithPriceAsync(OcppCallContext context, Ocpp201Station station, IdTokenInfo info, IdToken token, int? evseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(station);
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(token);
        if (info.Status != "Accepted" || station.Model?.Tariff != true || context.Services.Costs is not { } costs)
        {
            return info;
        }

        var text = await costs.PriceTextAsync(context.ChargePoint.Id, evseId is > 0 ? evseId : null, token.Token, cancellationToken).ConfigureAwait(false);
        return text is null ? info : info with { PersonalMessage = Message(text) };
    }

    /// <summary>
    /// The answer with the transaction's cost where the station shows cost: the running total while it goes (I02.FR.01), and
    /// once the answer is out a CostUpdated with it when the event brought an energy reading (I02); the final total and its line
    /// of text once <paramref name="ended"/> recorded it (I03). Nothing where the session has no cost, and no running cost for
    /// an event that is not <paramref name="live"/> (replayed or older: the transaction may be over on the station by now).
    /// </summary>
    public static async Task<TransactionEventResponse> WithCostAsync(OcppCallContext context, Ocpp201Station station, TransactionEventResponse answer,
        Ocpp201CostMoment moment, OcppStopResult? ended, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(station);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(moment);
        if (station.Model?.Cost != true || context.Services.Costs is not { } costs)
        {
            return answer;
        }

        if (ended is not null)
        {
            return await costs.FinalCostAsync(ended.Session.Id, cancellationToken).ConfigureAwait(false) is { } final
                ? answer with { TotalCost = final.Total, UpdatedPersonalMessage = Message(final.Text) }
                : answer;
        }

        if (!moment.Live || costs.RunningTotal(context.ChargePoint.Id, moment.EvseId, ChargerTransactionId.FromStation(moment.TransactionId), context.Now) is not { } running)
        {
            return answer;
        }

        if (moment.Metered && context.ChargePoint.Control is { } control)
        {
            // After the answer: a station takes no call of the edge's while its own waits (OCPP-J), and in order with it.
            context.AfterReply.Add(ct => control.ShowRunningCostAsync(moment.TransactionId, running, ct));
        }

        return answer with { TotalCost = running };
    }
}

/// <summary>Which transaction event a cost answers: its EVSE and transaction, whether it is the newest online one, whether it brought an energy reading.</summary>
public sealed record Ocpp201CostMoment(int EvseId, string TransactionId, bool Live, bool Metered);
