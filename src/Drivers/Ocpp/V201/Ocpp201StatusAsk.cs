using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.Drivers.Ocpp.V201.Messages;
using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Ocpp.V201;

/// <summary>
/// After a reconnect, each EVSE whose state the edge does not know is asked for it (TriggerMessage StatusNotification, F06):
/// a station sends StatusNotification on a change only (G01), so after an edge restart an idle EVSE would stay unknown — counted
/// as a car that may be charging — until its state changes. F06 asks for the connector with a StatusNotification: each one the
/// base report named, else connector 1 — one ask per connector, as F06.FR.13 has the CSMS name the EVSE (there is no ask for
/// all). A refusal or a CALLERROR leaves that EVSE unknown and the others still asked. Each ask gives way to any other call
/// (<see cref="OcppGivingWay"/>): a station that never answers them holds up no limit.
/// </summary>
public static class Ocpp201StatusAsk
{
    public static async Task AfterReconnectAsync(OcppChargePoint chargePoint, Ocpp201Station station, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chargePoint);
        ArgumentNullException.ThrowIfNull(station);
        var refused = new List<string>();
        foreach (var (evseId, connectorId) in Unknown(chargePoint, station.Model))
        {
            if (!chargePoint.IsConnected)
            {
                break; // gone: the next connect asks again
            }

            try
            {
                var answer = await OcppGivingWay.AskAsync(chargePoint, () => chargePoint.CallAsync(Ocpp201Action.TriggerMessage,
                    new TriggerMessageRequest("StatusNotification", new Evse(evseId, connectorId)), Ocpp201JsonContext.Default.TriggerMessageRequest,
                    Ocpp201JsonContext.Default.StatusResponse, cancellationToken, givesWay: true)).ConfigureAwait(false);
                if (answer.Status != "Accepted")
                {
                    refused.Add($"EVSE {evseId} connector {connectorId}: {answer.Status}");
                }
            }
            catch (OcppRpcException e)
            {
                refused.Add($"EVSE {evseId} connector {connectorId}: {e.Message}");
            }
        }

        if (refused.Count > 0)
        {
            // One line for all: a station with fewer EVSEs than configured refuses the rest at each reconnect.
            OcppLog.ChargePointInfo(chargePoint.Context.LoggerFactory.CreateLogger<OcppServer>(), chargePoint.Id,
                "StatusNotification not given on request for " + string.Join("; ", refused));
        }
    }

    // The EVSEs the base report named (within the configured bound), else every configured one; connectors as reported, else 1.
    private static List<(int EvseId, int ConnectorId)> Unknown(OcppChargePoint chargePoint, Ocpp201DeviceModel? model)
    {
        var bound = chargePoint.Settings.Connectors;
        IEnumerable<(int Id, IReadOnlyList<int> Connectors)> evses = model is { Evses.Count: > 0 }
            ? model.Evses.Where(e => e.Id <= bound).Select(e => (e.Id, e.Connectors))
            : Enumerable.Range(1, bound).Select(id => (id, (IReadOnlyList<int>)[]));
        return evses
            .Where(e => chargePoint.GetConnector(e.Id).State is null)
            .SelectMany(e => (e.Connectors.Count > 0 ? e.Connectors : [1]).Select(c => (EvseId: e.Id, ConnectorId: c)))
            .ToList();
    }
}
