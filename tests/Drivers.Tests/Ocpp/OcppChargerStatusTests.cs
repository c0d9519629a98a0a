using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Tests.ModbusDevices;

namespace ChargeNet.Drivers.Tests.Ocpp;

/// <summary>What an OCPP charger's status says: liveness from the connection, phases, and values that cannot be.</summary>
public sealed class OcppChargerStatusTests
{
    private const string GoodValues = "{\"connectorId\":1,\"meterValue\":[{\"timestamp\":\"2026-12-01T08:00:00Z\",\"sampledValue\":[{\"value\":\"16\",\"measurand\":\"Current.Import\",\"phase\":\"L1\",\"unit\":\"A\"},{\"value\":\"1000\",\"unit\":\"Wh\"}]}]}";
    private const string HugeEnergy = "{\"connectorId\":1,\"meterValue\":[{\"timestamp\":\"2026-12-01T08:00:10Z\",\"sampledValue\":[{\"value\":\"2\",\"measurand\":\"Current.Import\",\"phase\":\"L1\",\"unit\":\"A\"},{\"value\":\"1e308\",\"unit\":\"kWh\"}]}]}";
    private const string Phaseless = "{\"connectorId\":1,\"meterValue\":[{\"timestamp\":\"2026-12-01T08:00:20Z\",\"sampledValue\":[{\"value\":\"13\",\"measurand\":\"Current.Import\",\"unit\":\"A\"}]}]}";

    [Fact]
    public async Task MeterValues_with_a_value_that_cannot_be_are_dropped_with_one_event_and_the_connection_goes_on()
    {
        await using var cp = await FakeChargePoint.StartAsync();
        await cp.ConnectAndBootAsync();
        await cp.ReportStatusAsync(1, "Charging");
        await cp.CallAsync("MeterValues", GoodValues);
        await Eventually.TrueAsync(() => cp.ChargePoint.GetConnector(1).EnergyWh == 1000, "the good values are applied");
        var before = cp.ChargePoint.GetConnector(1);

        cp.Time.Advance(TimeSpan.FromSeconds(10));
        await cp.CallAsync("MeterValues", HugeEnergy);
        await Eventually.TrueAsync(() => cp.Events.Events.Any(e => e.Code == "ocpp.meter-values-dropped"), "the drop is reported");

        var dropped = Assert.Single(cp.Events.Events, e => e.Code == "ocpp.meter-values-dropped");
        Assert.Contains("Energy.Active.Import.Register (1e308 kWh)", dropped.Message, StringComparison.Ordinal);
        Assert.Equal(before, cp.ChargePoint.GetConnector(1)); // not even its time moved: the data ages towards stale
        Assert.True(cp.ChargePoint.IsConnected);

        await cp.CallAsync("MeterValues", Phaseless);
        await Eventually.TrueAsync(() => cp.ChargePoint.GetConnector(1).CurrentA.L1 == 13, "the next good values are applied");
        var connector = (await new OcppCharger(cp.Server, FakeChargePoint.Id).ReadStatusAsync(CancellationToken.None)).Connectors.Single();
        Assert.False(connector.PhasesKnown);
        Assert.Equal(new Devices.PhaseValues(13, 13, 13), connector.CurrentA);
    }

    [Fact]
    public async Task A_connector_whose_state_is_not_known_is_not_reported_as_free_and_a_reconnect_asks_for_its_state()
    {
        // After an edge restart a charger reconnects without booting and reports meter values before any StatusNotification:
        // "Unavailable" would count its car at 0 A; unreported it is unknown, which the loop counts as a car charging (issue 13
        // property 6). The reconnect asks for the states.
        await using var cp = await FakeChargePoint.StartAsync();
        await cp.ConnectAndBootAsync();
        await cp.CallAsync("MeterValues", GoodValues);
        await Eventually.TrueAsync(() => cp.ChargePoint.GetConnector(1).EnergyWh == 1000, "the values are applied");
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);
        Assert.Empty((await charger.ReadStatusAsync(CancellationToken.None)).Connectors);

        await cp.DisconnectAsync();
        await cp.ConnectAsync();
        await Eventually.TrueAsync(() => cp.Calls.Any(c => c.Action == "TriggerMessage" && c.Payload.GetProperty("requestedMessage").GetString() == "StatusNotification"),
            "the reconnect asks for the states");
        await cp.ReportStatusAsync(1, "Charging");
        Assert.Equal(Devices.ConnectorState.Charging, (await charger.ReadStatusAsync(CancellationToken.None)).Connectors.Single().State);

    }

    [Fact]
    public async Task The_power_sampled_with_a_current_without_phase_reaches_the_status_in_watts()
    {
        // The loop tells a phaseless charger's car's phases from it (docs/control-loop.md, "What the car takes").
        await using var cp = await FakeChargePoint.StartAsync();
        await cp.ConnectAndBootAsync();
        await cp.ReportStatusAsync(1, "Charging");
        await cp.CallAsync(
            "MeterValues",
            "{\"connectorId\":1,\"meterValue\":[{\"timestamp\":\"2026-12-01T08:00:00Z\",\"sampledValue\":[{\"value\":\"16\",\"measurand\":\"Current.Import\",\"unit\":\"A\"},{\"value\":\"3.68\",\"measurand\":\"Power.Active.Import\",\"unit\":\"kW\"}]}]}");
        await Eventually.TrueAsync(() => cp.ChargePoint.GetConnector(1).CurrentA.L1 == 16, "the meter values are applied");

        var connector = (await new OcppCharger(cp.Server, FakeChargePoint.Id).ReadStatusAsync(CancellationToken.None)).Connectors.Single();

        Assert.False(connector.PhasesKnown);
        Assert.Equal(3680, connector.PowerW!.Value, 6);
    }

    [Fact]
    public async Task A_StatusNotification_after_MeterValues_leaves_the_currents_measured_at_the_meter_values_time()
    {
        // A StatusNotification carries no currents: the connector's status time moves, its currents' time stays where the
        // MeterValues' sample put it (docs/ocpp.md, "Meter values"; docs/control-loop-sessions.md, Session 23).
        await using var cp = await FakeChargePoint.StartAsync();
        await cp.ConnectAndBootAsync();
        await cp.ReportStatusAsync(1, "Charging");
        cp.Time.Advance(TimeSpan.FromSeconds(3));
        var sampledAt = cp.Time.GetUtcNow() - TimeSpan.FromSeconds(1);
        await cp.CallAsync("MeterValues", $"{{\"connectorId\":1,\"meterValue\":[{{\"timestamp\":\"{sampledAt:yyyy-MM-ddTHH:mm:ss.fffZ}\",\"sampledValue\":[{{\"value\":\"16\",\"measurand\":\"Current.Import\",\"phase\":\"L1\",\"unit\":\"A\"}}]}}]}}");
        await Eventually.TrueAsync(() => cp.ChargePoint.GetConnector(1).CurrentA.L1 == 16, "the meter values are applied");

        cp.Time.Advance(TimeSpan.FromSeconds(5));
        await cp.ReportStatusAsync(1, "SuspendedEV");
        var connector = (await new OcppCharger(cp.Server, FakeChargePoint.Id).ReadStatusAsync(CancellationToken.None)).Connectors.Single();

        Assert.Equal(cp.Time.GetUtcNow(), connector.Timestamp);
        Assert.Equal(16, connector.CurrentA.L1);
        Assert.Equal(sampledAt, connector.CurrentsAt);
    }

    [Fact]
    public async Task Currents_never_metered_are_as_old_as_can_be_whatever_the_StatusNotifications()
    {
        await using var cp = await FakeChargePoint.StartAsync();
        await cp.ConnectAndBootAsync();
        await cp.ReportStatusAsync(1, "Charging");
        var connector = (await new OcppCharger(cp.Server, FakeChargePoint.Id).ReadStatusAsync(CancellationToken.None)).Connectors.Single();

        Assert.Equal(DateTimeOffset.MinValue, connector.CurrentsAt);
    }

    [Fact]
    public async Task Liveness_comes_from_any_frame_and_the_keep_alive_not_from_meter_values()
    {
        await using var cp = await FakeChargePoint.StartAsync();
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);
        Assert.Null((await charger.ReadStatusAsync(CancellationToken.None)).LastContactAt);

        var opened = cp.Time.GetUtcNow();
        await cp.ConnectAsync(keepAliveWindow: TimeSpan.FromSeconds(60));
        Assert.Equal(opened, (await charger.ReadStatusAsync(CancellationToken.None)).LastContactAt);

        // Five minutes without a message, but the keep-alive would have closed a connection whose pongs stopped.
        cp.Time.Advance(TimeSpan.FromMinutes(5));
        var status = await charger.ReadStatusAsync(CancellationToken.None);
        Assert.True(status.Online);
        Assert.Equal(cp.Time.GetUtcNow() - TimeSpan.FromSeconds(60), status.LastContactAt);

        await cp.CallAsync("Heartbeat", "{}");
        var heartbeatAt = cp.Time.GetUtcNow();
        await Eventually.TrueAsync(() => cp.ChargePoint.LastSeenAt == heartbeatAt, "the heartbeat arrives");
        await cp.DisconnectAsync();
        cp.Time.Advance(TimeSpan.FromMinutes(1));

        status = await charger.ReadStatusAsync(CancellationToken.None);
        Assert.False(status.Online);
        Assert.Equal(heartbeatAt, status.LastContactAt);
    }

    [Fact]
    public async Task Without_a_keep_alive_an_open_connection_vouches_only_for_its_frames()
    {
        await using var cp = await FakeChargePoint.StartAsync();
        var charger = new OcppCharger(cp.Server, FakeChargePoint.Id);
        var opened = cp.Time.GetUtcNow();
        await cp.ConnectAsync();
        cp.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(opened, (await charger.ReadStatusAsync(CancellationToken.None)).LastContactAt);
    }
}
