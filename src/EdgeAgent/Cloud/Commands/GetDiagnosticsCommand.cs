using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Devices;
using ChargeNet.EdgeAgent.Hosting;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary><c>get-diagnostics</c> {lines?}: the most recent log lines and each device's health.</summary>
public sealed class GetDiagnosticsCommand(RecentLogLines log, DeviceRegistry devices) : ICloudCommand
{
    public string Name => "get-diagnostics";

    public Task<JsonElement?> ExecuteAsync(JsonElement command, CancellationToken cancellationToken)
    {
        var lines = CommandArguments.OptionalInt(command, "lines", 1, 500) ?? 100;
        var set = devices.Current;
        var health = new JsonArray();
        foreach (var (id, device) in set.Meters.Select(m => (m.Key, (object)m.Value)).Concat(set.Chargers.Select(c => (c.Key, (object)c.Value))))
        {
            var h = (device as IHasDeviceHealth)?.Health ?? DeviceHealth.Unknown;
            health.Add(new JsonObject
            {
                ["id"] = id,
                ["kind"] = device is IMeter ? "meter" : "charger",
                ["connection"] = h.Connection.ToString(),
                ["lastSuccessAt"] = h.LastSuccessAt,
                ["lastError"] = h.LastError,
                ["lastErrorAt"] = h.LastErrorAt,
            });
        }

        var result = new JsonObject
        {
            ["version"] = AgentHelp.Version,
            ["devices"] = health,
            ["log"] = new JsonArray([.. log.Snapshot(lines).Select(l => (JsonNode?)l)]),
        };
        return Task.FromResult<JsonElement?>(CommandResults.Of(result));
    }
}
