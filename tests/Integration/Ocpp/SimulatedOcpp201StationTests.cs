using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.V201;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>The simulated 2.0.1 station (half of demo mode's OCPP chargers) against the real central system over a real WebSocket.</summary>
public sealed class SimulatedOcpp201StationTests
{
    [Fact]
    public async Task The_simulated_station_is_provisioned_follows_EVSE_and_station_limits_and_turns_a_car_visit_into_one_session()
    {
        await using var host = await OcppTestHost.StartAsync();
        host.Registry.Add("SIM-201", password: "a-password-of-16+bytes", version: OcppVersion.V201);
        var outlets = new[] { new TestOutlet(), new TestOutlet() };
        await using var run = await SimulatedStationRun.V201Async(host, "SIM-201", outlets, "a-password-of-16+bytes");
        var (station, chargePoint) = (run.Station, run.ChargePoint);
        await OcppCoreMessagesTests.WaitUntilAsync(() => chargePoint.BootState == OcppBootState.Accepted && chargePoint.BootFollowUpDoneAt is not null, "the station booted");

        // Provisioning (B05, B07): the edge's variables are set, the base report read into the device model.
        Assert.Contains("Current.Import", station.Variables.TxUpdatedMeasurands, StringComparison.Ordinal);
        var stations = ((Ocpp201Protocol)host.Server.Context.Protocols.For(OcppVersion.V201)).Stations;
        await OcppCoreMessagesTests.WaitUntilAsync(() => stations.Get("SIM-201").Model is { Evses.Count: 2 }, "the base report came");
        Assert.True(stations.Get("SIM-201").Model!.SmartCharging == true, "smart charging reported");
        await OcppCoreMessagesTests.WaitUntilAsync(() => outlets[0].OfferedA == 32, "without a profile the outlet offers its maximum");

        // An EVSE's TxDefaultProfile, then a lower station maximum (ChargingStationMaxProfile) over both EVSEs.
        var control = chargePoint.Control!;
        Assert.Equal(SetpointOutcome.Accepted, (await control.SetCurrentLimitAsync(1, 10, CancellationToken.None)).Outcome);
        await OcppCoreMessagesTests.WaitUntilAsync(() => outlets[0].OfferedA == 10, "the EVSE offers its limit");
        Assert.Equal(10, (await control.ReadScheduleAsync(1, TimeSpan.FromMinutes(10), CancellationToken.None))!.Periods[0].Limit);
        Assert.Equal(SetpointOutcome.Accepted, (await control.SetCurrentLimitAsync(0, 8, CancellationToken.None)).Outcome);
        await OcppCoreMessagesTests.WaitUntilAsync(() => outlets[0].OfferedA == 8 && outlets[1].OfferedA == 8, "the station maximum caps both EVSEs");

        // A car visit: Started, Updated with the meter, Ended — one session under the station's own string id.
        outlets[1].EnergyWh = 100;
        outlets[1].CurrentA = new PhaseValues(7.5, 7.5, 7.5);
        outlets[1].IdTag = "CAR-201";
        outlets[1].State = ConnectorState.Charging;
        await OcppCoreMessagesTests.WaitUntilAsync(() => control.TransactionOn(2) is not null, "the transaction started");
        await OcppCoreMessagesTests.WaitUntilAsync(() => new OcppCharger(host.Server, "SIM-201").ReadStatusAsync(CancellationToken.None).Result.Connectors.Any(c => c.ConnectorId == 2 && c.State == ConnectorState.Charging));
        outlets[1].EnergyWh = 4100;
        outlets[1].IdTag = null;
        outlets[1].State = ConnectorState.Available;
        await OcppCoreMessagesTests.WaitUntilAsync(() => host.Store.Sessions.Count == 1, "the session finished");
        var session = host.Store.Sessions[0];
        Assert.Equal(("SIM-201", 2, "CAR-201", 4000.0), (session.ChargePointId, session.ConnectorId, session.IdTag, session.EnergyWh));
        Assert.True(Guid.TryParse(session.TransactionId.Text, out _), session.TransactionId.Text);
        Assert.DoesNotContain(host.Events.Events, e => e.Code is "ocpp.transaction-events-missing" or "ocpp.config-key-refused" or "ocpp.limit-not-applied");
    }
}
