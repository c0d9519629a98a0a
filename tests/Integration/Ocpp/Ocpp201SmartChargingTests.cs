using System.Text.Json;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.Control;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// Smart charging of a 2.0.1 station (K01, K08, K10, K15) against a strict ocpp-rpc station: the
/// station-wide ChargingStationMaxProfile under the limit keeper's validity rules, ClearChargingProfile,
/// the composite schedule read back, and the car's charging needs kept on its EVSE.
/// </summary>
public sealed class Ocpp201SmartChargingTests
{
    [Fact]
    public async Task A_station_limit_goes_as_ChargingStationMaxProfile_a_cleared_limit_is_no_longer_kept_and_the_composite_schedule_is_read_back()
    {
        await using var booted = await BootedOcpp201Station.StartAsync("S241");
        var (host, peer) = (booted.Host, booted.Peer);
        var control = booted.ChargePoint.Control!;

        // EVSE 0, the whole station: ChargingStationMaxProfile with bounded validity (TC_K_03).
        var stationCall = peer.ExpectIncomingCall("SetChargingProfile");
        Assert.Equal(SetpointOutcome.Accepted, (await control.SetCurrentLimitAsync(0, 32, CancellationToken.None)).Outcome);
        var sent = await OcppPeer.WaitForIncomingCallAsync(stationCall);
        var profile = sent.GetProperty("chargingProfile");
        Assert.Equal((0, "ChargingStationMaxProfile", "Absolute", 9000), (sent.GetProperty("evseId").GetInt32(), profile.GetProperty("chargingProfilePurpose").GetString(),
            profile.GetProperty("chargingProfileKind").GetString(), profile.GetProperty("id").GetInt32()));
        Assert.Equal(TimeSpan.FromMinutes(10), profile.GetProperty("validTo").GetDateTimeOffset() - profile.GetProperty("validFrom").GetDateTimeOffset());
        Assert.False(profile.TryGetProperty("transactionId", out _));
        Assert.NotNull(booted.ChargePoint.Limits.Get(0)!.NextSendAt); // refreshed by the edge before validTo, as every limit

        // A limit on EVSE 1, then cleared: ClearChargingProfile by its id (K10); the edge stops keeping it.
        await control.SetCurrentLimitAsync(1, 16, CancellationToken.None);
        var clearCall = peer.ExpectIncomingCall("ClearChargingProfile");
        Assert.Equal(new ChargerCommandResult(true, "Accepted"), await control.ClearLimitAsync(1, CancellationToken.None));
        Assert.Equal(9001, (await OcppPeer.WaitForIncomingCallAsync(clearCall)).GetProperty("chargingProfileId").GetInt32());
        Assert.Null(booted.ChargePoint.Limits.Get(1));
        Assert.NotNull(booted.ChargePoint.Limits.Get(0));

        // What the station says is in force (K08): the composite schedule, in A.
        await peer.SetReplyAsync("GetCompositeSchedule", new
        {
            status = "Accepted",
            schedule = new { evseId = 1, duration = 600, scheduleStart = "2026-12-01T08:00:00Z", chargingRateUnit = "A", chargingSchedulePeriod = new[] { new { startPeriod = 0, limit = 13.5 }, new { startPeriod = 300, limit = 16.0 } } },
        });
        var scheduleCall = peer.ExpectIncomingCall("GetCompositeSchedule");
        var schedule = await control.ReadScheduleAsync(1, TimeSpan.FromMinutes(10), CancellationToken.None);
        var asked = await OcppPeer.WaitForIncomingCallAsync(scheduleCall);
        Assert.Equal((1, 600, "A"), (asked.GetProperty("evseId").GetInt32(), asked.GetProperty("duration").GetInt32(), asked.GetProperty("chargingRateUnit").GetString()));
        Assert.NotNull(schedule);
        Assert.Equal((1, 600, "A"), (schedule.ConnectorId, schedule.DurationS, schedule.Unit));
        Assert.Equal([new ChargerSchedulePeriod(0, 13.5), new ChargerSchedulePeriod(300, 16)], schedule.Periods);
        await peer.SetReplyAsync("GetCompositeSchedule", new { status = "Rejected" });
        Assert.Null(await control.ReadScheduleAsync(1, TimeSpan.FromMinutes(10), CancellationToken.None));
        Assert.DoesNotContain(host.Events.Events, e => e.Code == "ocpp.limit-not-applied");
    }

    [Fact]
    public async Task The_cars_charging_needs_are_kept_on_its_EVSE_until_the_transaction_ends_and_impossible_ones_are_rejected()
    {
        await using var booted = await BootedOcpp201Station.StartAsync("S242");
        var (host, peer) = (booted.Host, booted.Peer);
        var charger = new OcppCharger(host.Server, "S242");
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Started", 0, "tx-needs", "2026-12-01T08:00:00Z", "CablePluggedIn", chargingState: "EVConnected"));

        var needs = await peer.CallOkAsync("NotifyEVChargingNeeds", Needs(1, 22_000, 6, 16, "2026-12-01T17:30:00Z"));
        Assert.Equal("Accepted", needs.GetProperty("status").GetString());
        var kept = (await charger.ReadStatusAsync(CancellationToken.None)).Connectors.Single(c => c.ConnectorId == 1).Needs;
        Assert.NotNull(kept);
        Assert.Equal((DateTimeOffset.Parse("2026-12-01T17:30:00Z", System.Globalization.CultureInfo.InvariantCulture), 22_000.0, 6.0, 16.0),
            (kept.DepartureAt!.Value, kept.EnergyWantedWh!.Value, kept.MinCurrentA!.Value, kept.MaxCurrentA!.Value));

        // A minimum above the maximum: Rejected, named, and the need kept before stays.
        var impossible = await peer.CallOkAsync("NotifyEVChargingNeeds", Needs(1, 5_000, 20, 10, null));
        Assert.Equal("Rejected", impossible.GetProperty("status").GetString());
        Assert.Contains(host.Events.Events, e => e.Code == "ocpp.ev-charging-needs-refused" && e.Message.Contains("evMinCurrent 20 A", StringComparison.Ordinal));
        Assert.Equal(kept, (await charger.ReadStatusAsync(CancellationToken.None)).Connectors.Single(c => c.ConnectorId == 1).Needs);

        // An EVSE the configuration does not have is refused like every other message naming one.
        var beyond = await peer.CallAsync("NotifyEVChargingNeeds", Needs(99, 1_000, 6, 16, null));
        Assert.Equal("PropertyConstraintViolation", beyond.GetProperty("error").GetProperty("code").GetString());

        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Ended", 1, "tx-needs", "2026-12-01T09:00:00Z", "EVCommunicationLost", stoppedReason: "EVDisconnected"));
        Assert.Null((await charger.ReadStatusAsync(CancellationToken.None)).Connectors.Single(c => c.ConnectorId == 1).Needs);
    }

    private static object Needs(int evseId, int energyWh, int minA, int maxA, string? departure) => new
    {
        evseId,
        chargingNeeds = new
        {
            requestedEnergyTransfer = "AC_three_phase",
            departureTime = departure,
            acChargingParameters = new { energyAmount = energyWh, evMinCurrent = minA, evMaxCurrent = maxA, evMaxVoltage = 400 },
        },
    };
}
