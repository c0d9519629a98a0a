using ChargeNet.Drivers.Ocpp.V201;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// Provisioning a 2.0.1 station after its accepted boot (B05, B06, B07) against a strict ocpp-rpc
/// station: the edge's variables in one SetVariables (a refused one reported), the FullInventory base
/// report read into the device model, and GetVariables for the local list's message size.
/// </summary>
public sealed class Ocpp201ProvisioningTests
{
    private static readonly object[] Report =
    [
        Item("EVSE", "SupplyPhases", "3", new { id = 1 }),
        Item("Connector", "ConnectorType", "cType2", new { id = 1, connectorId = 1 }),
        Item("EVSE", "SupplyPhases", "1", new { id = 2 }),
        Item("Connector", "ConnectorType", "cType2", new { id = 2, connectorId = 1 }),
        Item("SmartChargingCtrlr", "Enabled", "true"),
        Item("SmartChargingCtrlr", "Available", "true"),
        Item("TariffCostCtrlr", "Available", "false"),
    ];

    [Fact]
    public async Task After_the_boot_the_edge_sets_its_variables_reads_the_base_report_into_a_device_model_and_reads_variables()
    {
        var station = new
        {
            refuse = new[] { "SampledDataCtrlr.TxUpdatedMeasurands" },
            report = Report,
            reportPart = 3, // three NotifyReport parts: tbc, tbc, last
            variables = new Dictionary<string, string> { ["LocalAuthListCtrlr.ItemsPerMessage"] = "5" },
        };
        await using var booted = await BootedOcpp201Station.StartAsync("S231", station: station);
        var (host, peer) = (booted.Host, booted.Peer);

        var model = await Eventually(() => ((Ocpp201Protocol)host.Server.Context.Protocols.For(ChargeNet.Drivers.Ocpp.OcppVersion.V201)).Stations.Get("S231").Model);
        Assert.Equal([(1, "1", (int?)3), (2, "1", 1)], model.Evses.Select(e => (e.Id, string.Join(",", e.Connectors), e.SupplyPhases)));
        Assert.Equal((true, false, false), (model.SmartCharging, model.Tariff, model.Cost));
        Assert.Contains(host.Events.Events, e => e.Code == "ocpp.device-model" && e.Message.Contains("EVSE 2: 1 connector(s), 1 phase(s)", StringComparison.Ordinal));

        var set = System.Text.Json.JsonDocument.Parse(peer.Output.Split('\n').First(l => l.StartsWith("INCALL a SetVariables ", StringComparison.Ordinal))["INCALL a SetVariables ".Length..]).RootElement;
        var items = set.GetProperty("setVariableData").EnumerateArray()
            .Select(i => $"{i.GetProperty("component").GetProperty("name").GetString()}.{i.GetProperty("variable").GetProperty("name").GetString()}={i.GetProperty("attributeValue").GetString()}").ToList();
        Assert.Equal(["OCPPCommCtrlr.HeartbeatInterval=300", "SampledDataCtrlr.TxUpdatedInterval=10", "SampledDataCtrlr.TxUpdatedMeasurands=Energy.Active.Import.Register,Current.Import,Current.Offered,Power.Active.Import"], items);
        Assert.Equal(["SampledDataCtrlr.TxUpdatedMeasurands"], booted.ChargePoint.RefusedKeys);
        Assert.Contains(host.Events.Events, e => e.Code == "ocpp.config-key-refused" && e.Message.StartsWith("SampledDataCtrlr.TxUpdatedMeasurands=", StringComparison.Ordinal));

        var limits = await booted.ChargePoint.Control!.ReadLocalListLimitsAsync(CancellationToken.None);
        Assert.Equal((5, (int?)null), (limits.SendLocalListMaxLength, limits.LocalAuthListMaxLength));
    }

    /// <summary>One item of a NotifyReport (B07) with its Actual value, on an EVSE or connector when <paramref name="evse"/> names one.</summary>
    internal static object Item(string component, string variable, string value, object? evse = null) => new
    {
        component = evse is null ? (object)new { name = component } : new { name = component, evse },
        variable = new { name = variable },
        variableAttribute = new[] { new { type = "Actual", value } },
    };

    // Polls with a deadline: the report arrives after the boot's answer, in parts.
    private static async Task<T> Eventually<T>(Func<T?> read)
        where T : class
    {
        var deadline = DateTime.UtcNow + OcppPeer.Timeout;
        for (var value = read(); ; value = read())
        {
            if (value is not null)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "not there in time");
            await Task.Delay(20);
        }
    }
}
