using System.Collections.Frozen;
using ChargeNet.Drivers.Ocpp.Control;
using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.Drivers.Ocpp.Validation;

namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>
/// What differs between OCPP versions on the central system's side: the subprotocol, the schemas,
/// the handlers of the charge point's calls, the edge's own calls (limits, commands) and what the
/// edge does when a charge point connects or talks before its boot. Everything else (transport,
/// framing, RPC, validation, upgrade, the daemon's ports) is shared. One instance per version.
/// </summary>
public interface IOcppProtocol
{
    OcppVersion Version { get; }

    /// <summary>The WebSocket subprotocol, e.g. <c>ocpp1.6</c>.</summary>
    string SubProtocol { get; }

    /// <summary>Validates this version's payloads against its official schemas.</summary>
    OcppSchemaValidator Validator { get; }

    /// <summary>The handlers of the calls a charge point of this version sends, by action.</summary>
    FrozenDictionary<string, IOcppActionHandler> Handlers { get; }

    /// <summary>The protocol-neutral commands for a charge point that speaks this version.</summary>
    IChargePointControl CreateControl(OcppChargePoint chargePoint);

    /// <summary>
    /// Sends the edge's current limit for one connector (SetChargingProfile in A) and says what became of it; <paramref name="onWire"/>
    /// is told when the call has its turn on the connection (until then it waits behind another call, unsent).
    /// </summary>
    Task<OcppLimitSend> SendLimitAsync(OcppChargePoint chargePoint, int connectorId, double limitA, Action onWire, CancellationToken cancellationToken);

    /// <summary>
    /// A configured charge point that has not booted since the edge started sent a call that was refused:
    /// the work to do after the refusal (null for none). Asked once per connection.
    /// </summary>
    Func<CancellationToken, Task>? AfterFirstRefusalBeforeBoot(OcppChargePoint chargePoint);

    /// <summary>Runs once the connection is up: re-sends limits for a booted charge point, asks for a boot where the version allows it.</summary>
    Task AfterConnectAsync(OcppChargePoint chargePoint, OcppRpcConnection connection, bool restored, CancellationToken cancellationToken);

    /// <summary>Asks the charge point for a sign of life (a Heartbeat by TriggerMessage); throws <see cref="OcppRpcException"/> when none comes.</summary>
    Task ProbeAsync(OcppChargePoint chargePoint, CancellationToken cancellationToken);
}
