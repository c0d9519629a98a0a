using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Control;
using ChargeNet.Drivers.Ocpp.Rpc;

namespace ChargeNet.Drivers.Ocpp;

/// <summary>
/// The charger driver for one configured OCPP charge point. Reports what the charge point last
/// sent (StatusNotification, MeterValues); sets limits through SetChargingProfile (see
/// <see cref="OcppLimitKeeper"/>). A limit the charger rejected is reported as unknown (no LimitA).
/// </summary>
public sealed class OcppCharger(OcppServer server, string chargePointId) : ICharger, IHasDeviceHealth, IHasQueuedLimits, IHasLimitBackOff, IHasSessionStop, IHasReportRequest
{
    private readonly OcppChargePoint _chargePoint = server.GetChargePoint(chargePointId);

    public string Id => _chargePoint.Id;

    public DeviceHealth Health => new(
        _chargePoint.IsConnected && _chargePoint.BootState == OcppBootState.Accepted ? DeviceConnection.Connected
            : _chargePoint.IsConnected ? DeviceConnection.Degraded
            : _chargePoint.LastSeenAt is null ? DeviceConnection.Unknown : DeviceConnection.Lost,
        _chargePoint.LastSeenAt,
        _chargePoint.IsConnected ? null : _chargePoint.LastDisconnectReason,
        null);

    public Task<ChargerStatus> ReadStatusAsync(CancellationToken cancellationToken)
    {
        // A connector whose state the charger has not said yet (meter values came first, as after an edge restart) is not
        // reported: "no car" would count a car that may be drawing at 0 A; left unreported it is unknown, counted as charging
        // (issue 13 property 6, docs/control-loop.md, "Failsafes"), until its StatusNotification, which a reconnect asks for.
        var connectors = _chargePoint.Connectors
            .Where(c => c.ConnectorId > 0 && c.State is not null)
            .Select(c => new ConnectorStatus(
                c.ConnectorId,
                c.State!.Value,
                c.CurrentA,
                c.EnergyWh,
                LimitInForceA(c),
                c.UpdatedAt,
                c.PhasesKnown,
                c.Needs,
                ExternalLimitA(c.ConnectorId),
                // Never metered: as old as can be, not as new as its last StatusNotification (docs/ocpp.md, "Meter values").
                c.CurrentsMeasuredAt ?? DateTimeOffset.MinValue,
                c.PowerW)
            {
                AcceptedLimitValidTo = _chargePoint.Limits.Get(c.ConnectorId)?.ValidTo,
                Offered = _chargePoint.Settings.ReportsOfferedCurrent && c is { OfferedA: { } offeredA, OfferedAt: { } offeredAt }
                    ? new OfferedCurrent(offeredA, offeredAt)
                    : null,
            })
            .ToList();
        var newest = connectors.Count == 0 ? _chargePoint.LastSeenAt ?? DateTimeOffset.MinValue : connectors.Max(c => c.Timestamp);
        return Task.FromResult(new ChargerStatus(Id, _chargePoint.IsConnected, connectors, newest, _chargePoint.LastContactAt));
    }

    /// <summary>
    /// The limit this edge sent and the charger accepted, while its validTo has not lapsed; none
    /// while the last one was rejected or not delivered, and none after an edge restart until the
    /// charger accepts a new one (unknown, so the control loop counts the connector conservatively).
    /// </summary>
    private double? LimitInForceA(OcppConnectorLive connector) =>
        _chargePoint.Limits.Get(connector.ConnectorId)?.InForceAt(server.Context.Time.GetUtcNow());

    // What an energy management system or the grid operator set on the charger itself (on this connector or the whole charger).
    private double? ExternalLimitA(int connectorId) => _chargePoint.Control is { } control
        ? ExternalLimitInForce.OnConnector(control.ExternalLimits(connectorId), server.Context.Time.GetUtcNow())
        : null;

    public Task<SetpointResult> SetCurrentLimitAsync(int connectorId, double limitA, CancellationToken cancellationToken) =>
        _chargePoint.Limits.SetAsync(connectorId, limitA, cancellationToken);

    public Task<SetpointResult> SetNeededLimitAsync(int connectorId, double limitA, CancellationToken cancellationToken) =>
        _chargePoint.Limits.SetNeededAsync(connectorId, limitA, cancellationToken);

    public Task<SetpointResult> SetLimitPastBackOffAsync(int connectorId, double limitA, CancellationToken cancellationToken) =>
        _chargePoint.Limits.SetPastBackOffAsync(connectorId, limitA, cancellationToken);

    public bool IsLimitQueued(int connectorId) => _chargePoint.Limits.IsQueued(connectorId);

    /// <summary>
    /// TriggerMessage MeterValues for the connector (1.6 section 5.17; 2.0.1 F06, its EVSE): the charger sends them after its
    /// answer. Both versions name the message alike. A charger that is not connected, refuses or does not know it answers false.
    /// </summary>
    public async Task<bool> RequestMeterValuesAsync(int connectorId, CancellationToken cancellationToken)
    {
        if (_chargePoint.Control is not { IsConnected: true } control)
        {
            return false;
        }

        try
        {
            return (await control.TriggerMessageAsync(V16.OcppAction.MeterValues, connectorId, cancellationToken).ConfigureAwait(false)).Succeeded;
        }
        catch (OcppRpcException)
        {
            return false;
        }
    }

    /// <summary>
    /// RemoteStopTransaction (1.6, section 5.12) or RequestStopTransaction (2.0.1, F03) of the transaction the charger said runs on
    /// the connector: its own id for it, from its StartTransaction or TransactionEvent. The framing is the version's control's; this
    /// turns its answer into the loop's three outcomes.
    /// </summary>
    public async Task<SessionStopResult> StopSessionAsync(int connectorId, CancellationToken cancellationToken)
    {
        if (_chargePoint.Control is not { IsConnected: true } control)
        {
            return new SessionStopResult(SetpointOutcome.Failed, "not connected");
        }

        if (control.TransactionOn(connectorId) is not { } transactionId)
        {
            return new SessionStopResult(SetpointOutcome.Rejected, $"no transaction runs on connector {connectorId}");
        }

        try
        {
            var answer = await control.StopTransactionAsync(transactionId, cancellationToken).ConfigureAwait(false);
            return new SessionStopResult(answer.Succeeded ? SetpointOutcome.Accepted : SetpointOutcome.Rejected, $"transaction {transactionId}: {answer.Answer}");
        }
        catch (OcppRpcException ex)
        {
            return new SessionStopResult(SetpointOutcome.Failed, $"transaction {transactionId}: {ex.Message}");
        }
    }
}
