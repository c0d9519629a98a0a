namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>A charge point may only end its own transactions (issue 14, item 2).</summary>
public sealed class OcppForeignStopTests
{
    [Fact]
    public async Task A_charge_point_stopping_another_ones_transaction_is_answered_recorded_as_anomaly_and_changes_no_session()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.Add("CP-A");
        host.Registry.Add("CP-B");
        await using var peer = await OcppPeer.StartAsync();
        await peer.ConnectAsync(host.BaseUrl, "CP-A", client: "a");
        await peer.ConnectAsync(host.BaseUrl, "CP-B", client: "b");
        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot, "a");
        await peer.CallOkAsync("BootNotification", OcppPayloads.Boot, "b");
        var start = await peer.CallOkAsync("StartTransaction", OcppPayloads.Start(1, "TAG-B", 1000, "2026-11-24T05:00:00Z"), "b");
        var transactionId = start.GetProperty("transactionId").GetInt32();

        await peer.CallOkAsync("StopTransaction", OcppPayloads.Stop(transactionId, 99_000, "2026-11-24T05:10:00Z"), "a");

        Assert.Empty(host.Store.Sessions);
        Assert.Equal(transactionId.ToString(System.Globalization.CultureInfo.InvariantCulture), host.Server.GetChargePoint("CP-B").GetConnector(1).TransactionId);
        Assert.Contains(host.Events.Events, e => e.Code == "ocpp.foreign-transaction-stop" && e.ChargePointId == "CP-A");

        // CP-B's own stop still closes its session with its own figures.
        await peer.CallOkAsync("StopTransaction", OcppPayloads.Stop(transactionId, 9000, "2026-11-24T06:00:00Z"), "b");
        var session = Assert.Single(host.Store.Sessions);
        Assert.Equal(("CP-B", 8000.0), (session.ChargePointId, session.EnergyWh));
    }
}
