using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.V16;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>The simulated charge point (demo mode's OCPP chargers) against the real central system over a real WebSocket.</summary>
public sealed class SimulatedOcppChargePointTests
{
    [Fact]
    public async Task The_simulated_charge_point_boots_follows_limits_and_turns_a_car_visit_into_one_session()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.Add("SIM-1", password: "a-password-of-16+bytes");
        var outlets = new[] { new TestOutlet(), new TestOutlet() };
        await using var run = await SimulatedStationRun.V16Async(host, "SIM-1", outlets, "a-password-of-16+bytes");
        var chargePoint = run.ChargePoint;
        await OcppCoreMessagesTests.WaitUntilAsync(() => chargePoint.BootState == OcppBootState.Accepted && chargePoint.BootFollowUpDoneAt is not null, "the simulator booted");
        Assert.Equal("Current.Import", run.Station.Configuration.MeterValuesSampledData.Split(',')[1]);
        await OcppCoreMessagesTests.WaitUntilAsync(() => outlets[0].OfferedA == 32, "without a profile the outlet offers its maximum");

        var charger = new OcppCharger(host.Server, "SIM-1");
        Assert.Equal(SetpointOutcome.Accepted, (await charger.SetCurrentLimitAsync(1, 10, CancellationToken.None)).Outcome);
        await OcppCoreMessagesTests.WaitUntilAsync(() => outlets[0].OfferedA == 10, "the outlet offers the limit");
        Assert.Equal(32, outlets[1].OfferedA);
        var composite = await host.Server.GetChargePoint("SIM-1").GetCompositeScheduleAsync(1, TimeSpan.FromMinutes(10), ChargeNet.Drivers.Ocpp.V16.Messages.ChargingRateUnitType.A, CancellationToken.None);
        Assert.Equal("Accepted", composite.Status);
        Assert.Equal(10m, composite.ChargingSchedule!.ChargingSchedulePeriod[0].Limit);

        // The meter first, the car last: the simulator ticks on its own thread and starts the transaction
        // (with the meter as it reads it then) as soon as it sees an idTag on an occupied outlet.
        outlets[0].EnergyWh = 100;
        outlets[0].CurrentA = new PhaseValues(9.5, 9.5, 9.5);
        outlets[0].IdTag = "CAR-1";
        outlets[0].State = ConnectorState.Charging;
        await OcppCoreMessagesTests.WaitUntilAsync(() => host.Store.Starts.Values.Any(s => s.ChargePointId == "SIM-1" && s.IdTag == "CAR-1"), "the transaction started");
        await OcppCoreMessagesTests.WaitUntilAsync(() => charger.ReadStatusAsync(CancellationToken.None).Result.Connectors.Any(c => c.ConnectorId == 1 && c.State == ConnectorState.Charging));

        outlets[0].EnergyWh = 5100;
        outlets[0].IdTag = null;
        outlets[0].State = ConnectorState.Available;
        await OcppCoreMessagesTests.WaitUntilAsync(() => host.Store.Sessions.Count == 1, "the session finished");
        var session = host.Store.Sessions[0];
        Assert.Equal(("SIM-1", 1, "CAR-1", 5000.0), (session.ChargePointId, session.ConnectorId, session.IdTag, session.EnergyWh));
    }

    [Fact]
    public async Task Profiles_stack_on_the_simulated_charger_the_lower_of_the_maximum_and_the_tx_profile_is_offered()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.Add("SIM-2", settings: new() { LimitPurpose = ChargeNet.Drivers.Ocpp.Ports.OcppLimitPurpose.TxProfile, StackLevel = 2 });
        var outlet = new TestOutlet();
        await using var run = await SimulatedStationRun.V16Async(host, "SIM-2", [outlet]);
        var chargePoint = run.ChargePoint;
        await OcppCoreMessagesTests.WaitUntilAsync(() => chargePoint.BootFollowUpDoneAt is not null, "the simulator booted");

        outlet.IdTag = "CAR-2";
        outlet.State = ConnectorState.Charging;
        // Both sides: the edge knows the transaction at StartTransaction.req, the station only at its .conf — a TxProfile for it sent
        // in between was refused (a transaction not running there), once under a loaded run.
        await OcppCoreMessagesTests.WaitUntilAsync(
            () => chargePoint.GetConnector(1).TransactionId is not null && run.Station.TransactionIdOf(1) is not null, "the transaction started");

        // A site-wide maximum of 20 A on connector 0, then the control loop's 25 A as a TxProfile: 20 A is offered.
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        var maximum = new ChargeNet.Drivers.Ocpp.V16.Messages.ChargingProfile(1, 0, ChargeNet.Drivers.Ocpp.V16.Messages.ChargingProfilePurposeType.ChargePointMaxProfile, ChargeNet.Drivers.Ocpp.V16.Messages.ChargingProfileKindType.Absolute,
            new(ChargeNet.Drivers.Ocpp.V16.Messages.ChargingRateUnitType.A, [new(0, 20m)], StartSchedule: at));
        Assert.Equal("Accepted", (await chargePoint.SetChargingProfileAsync(0, maximum, CancellationToken.None)).Status);
        var charger = new OcppCharger(host.Server, "SIM-2");
        Assert.Equal(SetpointOutcome.Accepted, (await charger.SetCurrentLimitAsync(1, 25, CancellationToken.None)).Outcome);
        await OcppCoreMessagesTests.WaitUntilAsync(() => outlet.OfferedA == 20, "the maximum caps the tx profile");
        Assert.Equal(2, run.Station.Profiles.Count);

        // Below the maximum the TxProfile rules; when the car leaves, its TxProfile ends with the transaction (section 3.13.2), and
        // the edge, which kept the limit as that TxProfile, sends it again at once — as the connector's default, no transaction running.
        Assert.Equal(SetpointOutcome.Accepted, (await charger.SetCurrentLimitAsync(1, 8, CancellationToken.None)).Outcome);
        await OcppCoreMessagesTests.WaitUntilAsync(() => outlet.OfferedA == 8, "the tx profile limits");
        Assert.NotNull(chargePoint.Limits.Get(1)!.TransactionId);
        outlet.IdTag = null;
        outlet.State = ConnectorState.Available;
        // Accepted with no transaction is also the record of an 8 A TxProfile whose answer came after the transaction ended — lapsed
        // (validTo now) and due again at once (OcppLimitKeeper.SendHeldAsync): the default is sent when the record is valid again.
        await OcppCoreMessagesTests.WaitUntilAsync(
            () => run.Station.Profiles.Installed().Any(p => p.Profile.ChargingProfilePurpose == ChargeNet.Drivers.Ocpp.V16.Messages.ChargingProfilePurposeType.TxDefaultProfile)
                && chargePoint.Limits.Get(1) is { Outcome: SetpointOutcome.Accepted, TransactionId: null } record
                && record.ValidTo > DateTimeOffset.UtcNow.AddMinutes(9),
            "the limit sent again as the connector's default, valid for its ten minutes");
        Assert.DoesNotContain(run.Station.Profiles.Installed(), p => p.Profile.ChargingProfilePurpose == ChargeNet.Drivers.Ocpp.V16.Messages.ChargingProfilePurposeType.TxProfile);
    }
}
