using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Control;
using ChargeNet.EdgeAgent.Configuration;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary>Finds the OCPP charger a command names (any OCPP version), refusing chargers that are unknown, not OCPP or not connected.</summary>
public sealed class OcppCommandTarget(SiteConfigurationService configuration, OcppServer server)
{
    public IChargePointControl Resolve(string chargerId)
    {
        var charger = configuration.Current?.Site.Chargers.FirstOrDefault(c => c.Id == chargerId)
            ?? throw new CloudCommandException($"charger '{chargerId}' is not in the site configuration");
        if (!ChargerProtocols.IsOcpp(charger.Protocol))
        {
            throw new CloudCommandException($"charger '{chargerId}' speaks {charger.Protocol}; this command needs an OCPP charger");
        }

        var point = server.GetChargePoint(chargerId);
        return point is { IsConnected: true, Control: { } control } ? control : throw new CloudCommandException($"charger '{chargerId}' is not connected");
    }

    /// <summary>Turns the charger's answer into a result, or a refusal when it was not accepted.</summary>
    public static System.Text.Json.JsonElement? Accepted(string chargerId, string action, ChargerCommandResult response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Succeeded
            ? CommandResults.Of(new Dictionary<string, string> { ["chargerId"] = chargerId, ["status"] = response.Answer })
            : throw new CloudCommandException($"charger '{chargerId}' answered {action} with {response.Answer}");
    }
}
