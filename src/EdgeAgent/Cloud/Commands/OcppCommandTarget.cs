using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Control;
using ChargeNet.EdgeAgent.Operations;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary>
/// The OCPP charger (any OCPP version) an OCPP-only command (send-local-list) names, found by the
/// operations' one lookup rule (<see cref="ChargerOperations.Find"/>): unknown, not OCPP or not connected is refused.
/// </summary>
public sealed class OcppCommandTarget(ChargerOperations operations, OcppServer server)
{
    public IChargePointControl Resolve(string chargerId, string command)
    {
        var (_, refusal) = operations.Find(chargerId, command);
        if (refusal is not null)
        {
            throw new CloudCommandException(refusal.Message);
        }

        return server.GetChargePoint(chargerId).Control ?? throw new CloudCommandException($"'{chargerId}' is not connected now");
    }
}
