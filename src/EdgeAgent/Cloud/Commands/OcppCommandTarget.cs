using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Messages;
using ChargeNet.EdgeAgent.Configuration;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary>Finds the OCPP charger a command names, refusing chargers that are unknown, not OCPP or not connected.</summary>
public sealed class OcppCommandTarget(SiteConfigurationService configuration, OcppServer server)
{
    public OcppChargePoint Resolve(string chargerId)
    {
        var charger = configuration.Current?.Site.Chargers.FirstOrDefault(c => c.Id == chargerId)
            ?? throw new CloudCommandException($"charger '{chargerId}' is not in the site configuration");
        if (charger.Protocol != ChargerProtocols.Ocpp16)
        {
            throw new CloudCommandException($"charger '{chargerId}' speaks {charger.Protocol}; this command needs an OCPP charger");
        }

        var point = server.GetChargePoint(chargerId);
        return point.IsConnected ? point : throw new CloudCommandException($"charger '{chargerId}' is not connected");
    }

    /// <summary>Turns the charger's status answer into a result, or a refusal when it was not accepted.</summary>
    public static System.Text.Json.JsonElement? Accepted(string chargerId, string action, StatusResponse response) =>
        response.Status is "Accepted" or "Scheduled"
            ? CommandResults.Of(new Dictionary<string, string> { ["chargerId"] = chargerId, ["status"] = response.Status })
            : throw new CloudCommandException($"charger '{chargerId}' answered {action} with {response.Status}");
}
