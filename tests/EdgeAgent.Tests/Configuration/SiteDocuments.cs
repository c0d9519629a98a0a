using ChargeNet.EdgeAgent.Configuration;

namespace ChargeNet.EdgeAgent.Tests.Configuration;

/// <summary>site.json documents the tests share, and a reader that knows the drivers they name.</summary>
internal static class SiteDocuments
{
    public const string OcppPassword = "cp001-basic-auth-secret";
    public const string CloudPassword = "garage-42-mqtt-secret";

    /// <summary>The example of docs/configuration.md, with real secrets where it shows "…".</summary>
    public const string ContractExample = $$"""
        {
          "siteId": "garage-42",
          "grid": { "phases": 3, "voltageV": 230, "maxCurrentA": 250, "safetyMarginA": 5,
                    "meter": "grid", "fallbackCurrentA": 120 },
          "circuits": [ { "id": "main", "maxCurrentA": 250 },
                        { "id": "deck-1", "parent": "main", "maxCurrentA": 125 } ],
          "meters": [ { "id": "grid", "driver": "eastron-sdm630",
                        "modbus": { "host": "10.0.0.50", "port": 502, "unitId": 1 } } ],
          "chargers": [
            { "id": "CP001", "protocol": "ocpp1.6", "circuit": "deck-1", "phaseRotation": "L1L2L3",
              "minCurrentA": 6, "maxCurrentA": 32, "ocppPassword": "{{OcppPassword}}" },
            { "id": "wb-02", "protocol": "modbus", "driver": "alfen-ng9xx",
              "modbus": { "host": "10.0.0.61", "port": 502, "unitId": 1 },
              "circuit": "deck-1", "phaseRotation": "L2L3L1", "minCurrentA": 6, "maxCurrentA": 16 } ],
          "gpio": { "dsoCurtailment": { "pin": 17, "activeLow": true, "limitPerChargerKw": 4.2 },
                    "emergencyStop": { "pin": 27, "activeLow": true } },
          "ocpp": { "acceptNewChargers": false, "certificateFile": null },
          "cloud": { "enabled": true, "host": "broker.example.net", "port": 8883, "tls": true,
                     "caFile": "/var/lib/chargenet/cloud-ca.crt", "clientCertFile": null,
                     "clientKeyFile": null, "username": "garage-42", "password": "{{CloudPassword}}" }
        }
        """;

    public static KnownDrivers Drivers { get; } = new(
        new HashSet<string>(["eastron-sdm630", KnownDrivers.Simulated], StringComparer.Ordinal),
        new HashSet<string>(["alfen-ng9xx"], StringComparer.Ordinal));

    public static async Task<SiteConfigurationReader> CreateReaderAsync() =>
        new(await SiteSchemaValidator.LoadAsync(CancellationToken.None), new SiteConfigurationValidator(Drivers));
}
