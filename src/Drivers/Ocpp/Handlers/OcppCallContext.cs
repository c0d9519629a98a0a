using System.Security.Cryptography;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Framing;
using ChargeNet.Drivers.Ocpp.Rpc;

namespace ChargeNet.Drivers.Ocpp.Handlers;

/// <summary>One incoming CALL being handled: who sent it, the shared services, and work for after the reply.</summary>
public sealed class OcppCallContext(OcppChargePoint chargePoint, OcppCall call, OcppCentralSystemContext services, OcppAfterReply afterReply)
{
    public OcppChargePoint ChargePoint { get; } = chargePoint;

    public OcppCall Call { get; } = call;

    public OcppCentralSystemContext Services { get; } = services;

    public OcppAfterReply AfterReply { get; } = afterReply;

    public DateTimeOffset Now => Services.Time.GetUtcNow();

    /// <summary>
    /// The charge point, the action and a hash of the payload: the same for a repeated or replayed
    /// message (even on a new connection, with a new message id), different for any other.
    /// </summary>
    public string IdempotencyKey => KeyOf(ChargePoint.Id, Call);

    /// <summary>See <see cref="IdempotencyKey"/>.</summary>
    public static string KeyOf(string chargePointId, OcppCall call) =>
        $"{chargePointId}:{call.Action}:{Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(call.Payload.GetRawText())))[..32]}";
}
