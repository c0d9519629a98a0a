using System.Text.Json;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.Control;
using ChargeNet.Integration.Tests.Web;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// Smart charging of a 2.0.1 station (K01, K08, K10, K15) against a strict ocpp-rpc station: the
/// station-wide ChargingStationMaxProfile under the limit keeper's validity rules, ClearChargingProfile,
/// the composite schedule read back, and the car's charging needs kept on its EVSE.
/// </summary>
public sealed class Ocpp201SmartChargingTests
{
    [Fact]
    public async Task A_remote_start_carries_the_evse_limit_as_a_TxProfile_and_after_its_transaction_the_edge_sends_its_limit_again()
    {
        await using var booted = await BootedOcpp201Station.StartAsync("S243");
        var (host, peer) = (booted.Host, booted.Peer);
        var control = booted.ChargePoint.Control!;
        await control.SetCurrentLimitAsync(1, 13.37, CancellationToken.None);

        // K05 (TC_K_37): the start brings EVSE 1's limit as a TxProfile without a transactionId (F01.FR.09, F01.FR.11), Absolute
        // with its startSchedule, under the EVSE's profile id, so the edge's next limit replaces it (K01.FR.05).
        await peer.SetReplyAsync("RequestStartTransaction", new { status = "Accepted" });
        var startCall = peer.ExpectIncomingCall("RequestStartTransaction");
        Assert.True((await control.StartTransactionAsync("TAG-K05", 1, CancellationToken.None)).Succeeded);
        var start = await OcppPeer.WaitForIncomingCallAsync(startCall);
        var profile = start.GetProperty("chargingProfile");
        Assert.Equal((1, "TxProfile", "Absolute", 9001), (start.GetProperty("evseId").GetInt32(), profile.GetProperty("chargingProfilePurpose").GetString(),
            profile.GetProperty("chargingProfileKind").GetString(), profile.GetProperty("id").GetInt32()));
        Assert.False(profile.TryGetProperty("transactionId", out _));
        var schedule = profile.GetProperty("chargingSchedule")[0];
        Assert.True(schedule.TryGetProperty("startSchedule", out _));
        Assert.Equal(13.3m, schedule.GetProperty("chargingSchedulePeriod")[0].GetProperty("limit").GetDecimal());

        // The transaction ends: the station drops its TxProfiles (K01), so the edge sends EVSE 1's limit again, as its default.
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Started", 0, "tx-k05", "2026-12-01T08:00:00Z", "RemoteStart", chargingState: "Charging", idToken: "TAG-K05"));
        var again = peer.ExpectIncomingCall("SetChargingProfile");
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Ended", 1, "tx-k05", "2026-12-01T09:00:00Z", "StopAuthorized", stoppedReason: "Remote"));
        var resent = await OcppPeer.WaitForIncomingCallAsync(again);
        Assert.Equal((1, "TxDefaultProfile", 9001), (resent.GetProperty("evseId").GetInt32(), resent.GetProperty("chargingProfile").GetProperty("chargingProfilePurpose").GetString(),
            resent.GetProperty("chargingProfile").GetProperty("id").GetInt32()));

        // Without an EVSE the station chooses one: no profile (the edge cannot know whose limit it is).
        startCall = peer.ExpectIncomingCall("RequestStartTransaction");
        Assert.True((await control.StartTransactionAsync("TAG-K05", null, CancellationToken.None)).Succeeded);
        Assert.False((await OcppPeer.WaitForIncomingCallAsync(startCall)).TryGetProperty("chargingProfile", out _));
        Assert.DoesNotContain(host.Events.Events, e => e.Code == "ocpp.limit-not-applied");
    }

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
        Assert.Equal(TimeSpan.FromMinutes(11), profile.GetProperty("validTo").GetDateTimeOffset() - profile.GetProperty("validFrom").GetDateTimeOffset()); // from a minute early
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

    [Fact]
    public async Task A_car_that_tells_its_needs_gets_the_evse_limit_as_its_transactions_TxProfile_and_its_chosen_schedule_is_checked_against_it()
    {
        await using var booted = await BootedOcpp201Station.StartAsync("S244");
        var (host, peer) = (booted.Host, booted.Peer);
        var control = booted.ChargePoint.Control!;
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Started", 0, "tx-iso", "2026-12-01T08:00:00Z", "CablePluggedIn", chargingState: "EVConnected", idToken: "TAG-ISO"));
        var first = peer.ExpectIncomingCall("SetChargingProfile");
        await control.SetCurrentLimitAsync(1, 16, CancellationToken.None);
        Assert.Equal("TxDefaultProfile", (await OcppPeer.WaitForIncomingCallAsync(first)).GetProperty("chargingProfile").GetProperty("chargingProfilePurpose").GetString());

        // TC_K_57 (K17, also K15): the car tells its needs; Accepted, then the EVSE's limit as the transaction's TxProfile.
        var offered = peer.ExpectIncomingCall("SetChargingProfile");
        Assert.Equal("Accepted", (await peer.CallOkAsync("NotifyEVChargingNeeds", Needs(1, 22_000, 6, 32, null))).GetProperty("status").GetString());
        AssertTxProfile(await OcppPeer.WaitForIncomingCallAsync(offered), 16.0);
        Assert.Equal("Accepted", (await peer.CallOkAsync("NotifyEVChargingSchedule", Schedule(16))).GetProperty("status").GetString());

        // TC_K_58 (K16): the edge lowers the limit: a new TxProfile, the station renegotiates; the car's schedule within it is
        // Accepted, one above it Rejected and reported.
        var lowered = peer.ExpectIncomingCall("SetChargingProfile");
        await control.SetCurrentLimitAsync(1, 10, CancellationToken.None);
        AssertTxProfile(await OcppPeer.WaitForIncomingCallAsync(lowered), 10.0);
        Assert.Equal("Accepted", (await peer.CallOkAsync("NotifyEVChargingSchedule", Schedule(10))).GetProperty("status").GetString());
        Assert.Equal("Rejected", (await peer.CallOkAsync("NotifyEVChargingSchedule", Schedule(12))).GetProperty("status").GetString());
        Assert.Contains(host.Events.Events, e => e.Code == "ocpp.ev-schedule-beyond-limit" && e.Message.Contains("up to 12 A, above the edge's limit of 10 A", StringComparison.Ordinal));

        // TC_K_59 (K16.FR.12): the station sends the needs again: the TxProfile goes again.
        var again = peer.ExpectIncomingCall("SetChargingProfile");
        await peer.CallOkAsync("NotifyEVChargingNeeds", Needs(1, 20_000, 6, 32, null));
        AssertTxProfile(await OcppPeer.WaitForIncomingCallAsync(again), 10.0);

        // A raise the station refuses leaves 10 A in force: a car's schedule of 16 A is beyond it (checked against the 20 A sent,
        // it was Accepted).
        await peer.SetReplyAsync("SetChargingProfile", new { status = "Rejected" });
        Assert.Equal(SetpointOutcome.Rejected, (await control.SetCurrentLimitAsync(1, 20, CancellationToken.None)).Outcome);
        Assert.Equal("Rejected", (await peer.CallOkAsync("NotifyEVChargingSchedule", Schedule(16))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_limit_that_went_as_a_TxProfile_lapses_when_its_transaction_ends_and_one_that_went_as_the_default_does_not()
    {
        await using var booted = await BootedOcpp201Station.StartAsync("S245");
        var (host, peer) = (booted.Host, booted.Peer);
        var control = booted.ChargePoint.Control!;
        var charger = new OcppCharger(host.Server, "S245");
        async Task<DateTimeOffset?> ValidToAsync() =>
            (await charger.ReadStatusAsync(CancellationToken.None)).Connectors.Single(c => c.ConnectorId == 1).AcceptedLimitValidTo;

        // A default profile outlives a transaction: its validTo stands after the Ended.
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Started", 0, "tx-default", "2026-12-01T07:00:00Z", "CablePluggedIn", chargingState: "Charging"));
        Assert.Equal(SetpointOutcome.Accepted, (await control.SetCurrentLimitAsync(1, 16, CancellationToken.None)).Outcome);
        var defaultValidTo = await ValidToAsync();
        Assert.True(defaultValidTo > DateTimeOffset.UtcNow.AddMinutes(9), $"validTo {defaultValidTo:O}");
        var resent = peer.ExpectIncomingCall("SetChargingProfile");
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Ended", 1, "tx-default", "2026-12-01T07:30:00Z", "EVCommunicationLost", stoppedReason: "EVDisconnected"));
        await OcppPeer.WaitForIncomingCallAsync(resent);
        Assert.True(await ValidToAsync() > DateTimeOffset.UtcNow.AddMinutes(9));

        // The car tells its needs: the limit goes as the transaction's TxProfile (K15), accepted.
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Started", 0, "tx-iso", "2026-12-01T08:00:00Z", "CablePluggedIn", chargingState: "EVConnected", idToken: "TAG-ISO"));
        var offered = peer.ExpectIncomingCall("SetChargingProfile");
        await peer.CallOkAsync("NotifyEVChargingNeeds", Needs(1, 22_000, 6, 32, null));
        AssertTxProfile(await OcppPeer.WaitForIncomingCallAsync(offered), 16.0);
        await Poll.UntilAsync(() => Task.FromResult(booted.ChargePoint.Limits.Get(1) is { TransactionId: "tx-iso" }), "the TxProfile accepted");
        Assert.True(await ValidToAsync() > DateTimeOffset.UtcNow.AddMinutes(9));

        // The transaction ends and the station refuses the limit sent again: it deleted the TxProfile (K01), so the charger is on its
        // own default — the limit it accepted lapsed at the Ended, not 10 minutes later.
        await peer.SetReplyAsync("SetChargingProfile", new { status = "Rejected" });
        var again = peer.ExpectIncomingCall("SetChargingProfile");
        var endedAt = DateTimeOffset.UtcNow;
        await peer.CallOkAsync("TransactionEvent", Ocpp201Payloads.Event("Ended", 1, "tx-iso", "2026-12-01T09:00:00Z", "EVCommunicationLost", stoppedReason: "EVDisconnected"));
        Assert.Equal("TxDefaultProfile", (await OcppPeer.WaitForIncomingCallAsync(again)).GetProperty("chargingProfile").GetProperty("chargingProfilePurpose").GetString());
        await Poll.UntilAsync(() => Task.FromResult(booted.ChargePoint.Limits.Get(1) is { Outcome: SetpointOutcome.Rejected }), "the default refused");
        var lapsedAt = await ValidToAsync();
        Assert.True(lapsedAt is { } at && at >= endedAt && at <= DateTimeOffset.UtcNow, $"validTo {lapsedAt:O}, the Ended at {endedAt:O}");
        Assert.Null(booted.ChargePoint.Limits.Get(1)!.InForceAt(DateTimeOffset.UtcNow));
    }

    private static void AssertTxProfile(JsonElement call, double limitA)
    {
        var profile = call.GetProperty("chargingProfile");
        Assert.Equal((1, "TxProfile", "tx-iso", 9001), (call.GetProperty("evseId").GetInt32(), profile.GetProperty("chargingProfilePurpose").GetString(),
            profile.GetProperty("transactionId").GetString(), profile.GetProperty("id").GetInt32()));
        Assert.Equal(limitA, profile.GetProperty("chargingSchedule")[0].GetProperty("chargingSchedulePeriod")[0].GetProperty("limit").GetDouble());
    }

    private static object Schedule(double limitA) => new
    {
        timeBase = "2026-12-01T08:05:00Z",
        evseId = 1,
        chargingSchedule = new { id = 1, chargingRateUnit = "A", chargingSchedulePeriod = new[] { new { startPeriod = 0, limit = limitA } } },
    };

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
