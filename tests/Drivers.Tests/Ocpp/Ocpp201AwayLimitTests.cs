using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Tests.ModbusDevices;

namespace ChargeNet.Drivers.Tests.Ocpp;

/// <summary>What the edge vouches a 2.0.1 station holds while it is away (docs/ocpp.md, "How limits are sent").</summary>
public sealed class Ocpp201AwayLimitTests
{
    [Fact]
    public async Task A_TxProfile_limit_lapses_at_the_last_contact_of_a_station_gone_away_and_a_default_profile_holds_to_its_validTo()
    {
        // The station deletes a TxProfile when its transaction ends (K01): away, that end comes unseen, and the station — the next
        // car too — is on its own default while the edge would still count the limit until its validTo. A TxDefaultProfile outlives
        // the transaction: it holds to its validTo, away or not.
        await using var cp = await FakeChargePoint.StartAsync(new OcppChargerSettings { Connectors = 2, LimitPurpose = OcppLimitPurpose.TxProfile }, version: OcppVersion.V201);
        await cp.Server.Context.Boots.SaveAsync(new OcppBootRecord(FakeChargePoint.Id, cp.Time.GetUtcNow(), "Test", "Fake", null, null), CancellationToken.None);
        await cp.ConnectAsync();
        await cp.CallAsync("TransactionEvent", """{"eventType":"Started","timestamp":"2026-12-01T08:00:00Z","triggerReason":"Authorized","seqNo":0,"transactionInfo":{"transactionId":"T1","chargingState":"Charging"},"evse":{"id":1,"connectorId":1},"idToken":{"idToken":"TAG1","type":"ISO14443"}}""");
        await cp.CallAsync("StatusNotification", """{"timestamp":"2026-12-01T08:00:00Z","connectorStatus":"Occupied","evseId":2,"connectorId":1}""");
        await Eventually.TrueAsync(() => cp.ChargePoint.GetConnector(1) is { TransactionId: "T1", State: not null } && cp.ChargePoint.GetConnector(2).State is not null, "both EVSEs are known");
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);
        var validTo = cp.Time.GetUtcNow().AddMinutes(10);
        await charger.SetCurrentLimitAsync(1, 10, CancellationToken.None);
        await charger.SetCurrentLimitAsync(2, 12, CancellationToken.None);
        Assert.Equal(["TxProfile", "TxDefaultProfile"], cp.Profiles.Select(p => p.GetProperty("chargingProfile").GetProperty("chargingProfilePurpose").GetString()));
        Assert.Equal([10.0, 12.0], (await charger.ReadStatusAsync(CancellationToken.None)).Connectors.Select(c => c.LimitA));

        var lastContact = cp.ChargePoint.LastContactAt!.Value;
        cp.Time.Advance(TimeSpan.FromSeconds(30));
        await cp.DisconnectAsync();
        var away = (await charger.ReadStatusAsync(CancellationToken.None)).Connectors;
        Assert.Equal((null, lastContact), (away[0].LimitA, away[0].AcceptedLimitValidTo));
        Assert.Equal((12.0, validTo), (away[1].LimitA, away[1].AcceptedLimitValidTo));

        // Back, its TxProfile sent again is refused (the transaction ended away): still nothing vouched for, until one is accepted.
        cp.ProfileAnswer = "Rejected";
        await cp.ConnectAsync();
        await Eventually.TrueAsync(() => cp.Profiles.Count == 4, "both limits go again on the reconnect");
        await Eventually.TrueAsync(() => cp.ChargePoint.Limits.Get(2)!.Outcome == Devices.SetpointOutcome.Rejected, "both are answered");
        var back = (await charger.ReadStatusAsync(CancellationToken.None)).Connectors;
        Assert.Equal((null, lastContact), (back[0].LimitA, back[0].AcceptedLimitValidTo));
    }
}
