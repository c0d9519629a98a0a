using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Validation;
using ChargeNet.Drivers.Simulation.Ocpp;
using Microsoft.Extensions.Logging.Abstractions;

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
        var simulator = new SimulatedOcppChargePoint(
            new SimulatedOcppChargePointOptions
            {
                CentralSystemUrl = new Uri(host.BaseUrl),
                ChargePointId = "SIM-1",
                Password = "a-password-of-16+bytes",
                MaxCurrentA = 32,
                TickInterval = TimeSpan.FromMilliseconds(50),
                ReconnectDelay = TimeSpan.FromMilliseconds(200),
            },
            outlets,
            await OcppSchemaValidator.LoadAsync(CancellationToken.None),
            TimeProvider.System,
            NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var running = simulator.RunAsync(stop.Token);
        var chargePoint = host.Server.GetChargePoint("SIM-1");
        await OcppCoreMessagesTests.WaitUntilAsync(() => chargePoint.BootState == OcppBootState.Accepted && chargePoint.BootFollowUpDoneAt is not null, "the simulator booted");
        Assert.Equal("Current.Import", simulator.Configuration.MeterValuesSampledData.Split(',')[1]);
        await OcppCoreMessagesTests.WaitUntilAsync(() => outlets[0].OfferedA == 32, "without a profile the outlet offers its maximum");

        var charger = new OcppCharger(host.Server, "SIM-1");
        Assert.Equal(SetpointOutcome.Accepted, (await charger.SetCurrentLimitAsync(1, 10, CancellationToken.None)).Outcome);
        await OcppCoreMessagesTests.WaitUntilAsync(() => outlets[0].OfferedA == 10, "the outlet offers the limit");
        Assert.Equal(32, outlets[1].OfferedA);
        var composite = await charger.GetCompositeScheduleAsync(1, TimeSpan.FromMinutes(10), CancellationToken.None);
        Assert.Equal("Accepted", composite.Status);
        Assert.Equal(10m, composite.ChargingSchedule!.ChargingSchedulePeriod[0].Limit);

        outlets[0].IdTag = "CAR-1";
        outlets[0].State = ConnectorState.Charging;
        outlets[0].CurrentA = new PhaseValues(9.5, 9.5, 9.5);
        outlets[0].EnergyWh = 100;
        await OcppCoreMessagesTests.WaitUntilAsync(() => host.Store.Starts.Values.Any(s => s.ChargePointId == "SIM-1" && s.IdTag == "CAR-1"), "the transaction started");
        await OcppCoreMessagesTests.WaitUntilAsync(() => charger.ReadStatusAsync(CancellationToken.None).Result.Connectors.Any(c => c.ConnectorId == 1 && c.State == ConnectorState.Charging));

        outlets[0].EnergyWh = 5100;
        outlets[0].IdTag = null;
        outlets[0].State = ConnectorState.Available;
        await OcppCoreMessagesTests.WaitUntilAsync(() => host.Store.Sessions.Count == 1, "the session finished");
        var session = host.Store.Sessions[0];
        Assert.Equal(("SIM-1", 1, "CAR-1", 5000.0), (session.ChargePointId, session.ConnectorId, session.IdTag, session.EnergyWh));

        await stop.CancelAsync();
        await running;
    }
}
