using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.EdgeAgent.Operations;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary>
/// The OCPP charge point an OCPP-only command (send-local-list, get-diagnostics) names, found by the
/// operations' one lookup rule (<see cref="ChargerOperations.Find"/>): unknown, not OCPP or not connected is refused.
/// </summary>
public sealed class OcppCommandTarget(ChargerOperations operations, OcppServer server)
{
    public OcppChargePoint Resolve(string chargerId, string command)
    {
        var (_, refusal) = operations.Find(chargerId, command);
        return refusal is null ? server.GetChargePoint(chargerId) : throw new CloudCommandException(refusal.Message);
    }
}
