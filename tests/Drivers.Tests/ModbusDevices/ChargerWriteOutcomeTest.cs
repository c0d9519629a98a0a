using ChargeNet.Drivers.Chargers;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Modbus;
using ChargeNet.Drivers.Simulation.Modbus;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeNet.Drivers.Tests.ModbusDevices;

/// <summary>
/// What a limit write says became of it: never taken where it may be in force (issue 13 property 5), and the failsafe settings
/// never in the way of a limit (docs/devices.md, "How the drivers behave").
/// </summary>
public sealed class ChargerWriteOutcomeTest
{
    [Fact]
    public async Task After_a_pause_the_new_limit_is_written_before_the_resume()
    {
        // Phoenix: register 400 enables charging, 528 holds the limit. Resumed first, a charger whose limit write then failed
        // would offer the 16 A it held before the pause.
        var template = BuiltInTemplates.Catalog.Get("phoenix-ev-charge-control");
        var recorder = new RecordingUnit(new SimulatedModbusCharger(template, new TestOutlet(), TimeProvider.System));
        await using var site = SimulatedSite.Start((1, recorder));
        await using var charger = new ModbusCharger("p1", template, site.Client, 1, site.Time, NullLogger.Instance, new ModbusChargerSettings());

        Assert.Equal(SetpointOutcome.Accepted, (await charger.SetCurrentLimitAsync(1, 16, CancellationToken.None)).Outcome);
        Assert.Equal(SetpointOutcome.Accepted, (await charger.SetCurrentLimitAsync(1, 0, CancellationToken.None)).Outcome);
        var before = recorder.Writes.Count;
        Assert.Equal(SetpointOutcome.Accepted, (await charger.SetCurrentLimitAsync(1, 6, CancellationToken.None)).Outcome);

        // FC06 to 528 (0210h), then coil 400 (0190h) on (FC05).
        Assert.Equal(["06 02 10", "05 01 90 FF 00"], recorder.Writes.Skip(before).Select((w, n) => Hex(n == 0 ? w[..3] : w)));
    }

    [Theory]
    [InlineData(ModbusExceptionCode.IllegalDataValue, SetpointOutcome.Rejected)]
    [InlineData(ModbusExceptionCode.ServerDeviceBusy, SetpointOutcome.Failed)]
    [InlineData(ModbusExceptionCode.Acknowledge, SetpointOutcome.Failed)]
    [InlineData(ModbusExceptionCode.GatewayTargetDeviceFailedToRespond, SetpointOutcome.Failed)]
    public async Task A_refusal_of_the_value_is_rejected_and_a_transient_answer_that_may_follow_an_applied_attempt_is_failed(ModbusExceptionCode code, SetpointOutcome expected)
    {
        // Busy or acknowledge after a timed-out attempt may mean the device is still applying that attempt: the limit may be in
        // force, which only Failed lets the control loop count.
        var template = BuiltInTemplates.Catalog.Get("vestel-evc04");
        var device = new SimulatedModbusCharger(template, new TestOutlet(), TimeProvider.System);
        var limitAddress = (ushort)template.Registers[template.Charger!.CurrentLimit.Register].Address;
        await using var site = SimulatedSite.Start((1, new RefusingWrites(device, limitAddress, code)));
        await using var charger = new ModbusCharger("v1", template, site.Client, 1, site.Time, NullLogger.Instance, new ModbusChargerSettings());

        var result = await charger.SetCurrentLimitAsync(1, 10, CancellationToken.None); // the site's client does not retry
        Assert.True(expected == result.Outcome, $"{result.Outcome}: {result.Detail}");
    }

    [Fact]
    public async Task A_failsafe_setting_the_device_refuses_leaves_reads_and_limits_going()
    {
        // Vestel: failsafe current in register 2000 (07D0h). A device that refuses it (a value it does not take, a firmware
        // without that register) is still read and still takes its limits.
        var template = BuiltInTemplates.Catalog.Get("vestel-evc04");
        var device = new SimulatedModbusCharger(template, new TestOutlet { State = ConnectorState.Charging }, TimeProvider.System);
        var recorder = new RecordingUnit(new RefusingWrites(device, 2000, ModbusExceptionCode.IllegalDataValue));
        await using var site = SimulatedSite.Start((1, recorder));
        await using var charger = new ModbusCharger("v1", template, site.Client, 1, site.Time, NullLogger.Instance, new ModbusChargerSettings { FailsafeCurrentA = 8 });

        Assert.Equal(ConnectorState.Charging, (await charger.ReadStatusAsync(CancellationToken.None)).Connectors.Single().State);
        Assert.Equal(SetpointOutcome.Accepted, (await charger.SetCurrentLimitAsync(1, 10, CancellationToken.None)).Outcome);
        Assert.Equal("06 13 8C 00 0A", Hex(recorder.Writes[^1])); // 10 A to the limit register, 5004 (138Ch)
    }

    [Fact]
    public async Task The_failsafe_current_is_rounded_down_to_the_register_as_every_limit()
    {
        // Vestel's failsafe register holds whole amperes: 6.5 A is 6 A, never 7 — the control loop counts a stale charger at 6.5.
        var template = BuiltInTemplates.Catalog.Get("vestel-evc04");
        var recorder = new RecordingUnit(new SimulatedModbusCharger(template, new TestOutlet(), TimeProvider.System));
        await using var site = SimulatedSite.Start((1, recorder));
        await using var charger = new ModbusCharger("v1", template, site.Client, 1, site.Time, NullLogger.Instance, new ModbusChargerSettings { FailsafeCurrentA = 6.5 });

        await charger.ReadStatusAsync(CancellationToken.None);
        Assert.Contains("06 07 D0 00 06", recorder.Writes.Select(Hex));
    }

    private static string Hex(byte[] pdu) => string.Join(' ', pdu.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>A unit that answers writes to one address with an exception response; everything else as the device does.</summary>
    private sealed class RefusingWrites(IModbusServerUnit inner, ushort address, ModbusExceptionCode code) : IModbusServerUnit
    {
        public ModbusResponse Handle(ModbusRequest request) =>
            !request.IsRead && request.Address == address ? throw new ModbusExceptionResponseException(request.Function, code) : inner.Handle(request);
    }
}
