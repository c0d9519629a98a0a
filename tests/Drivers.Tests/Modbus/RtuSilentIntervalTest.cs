using ChargeNet.Drivers.Modbus;
using ChargeNet.Drivers.Simulation.Modbus;
using ChargeNet.Drivers.Templates;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.Drivers.Tests.Modbus;

public sealed class RtuSilentIntervalTest
{
    [Theory]
    [InlineData(9600)]
    [InlineData(115200)]
    public async Task A_frame_never_follows_the_last_one_on_the_line_sooner_than_the_silent_interval(int baudRate)
    {
        var time = new FakeTimeProvider();
        var map = new SimulatedRegisterMap();
        map.Define(RegisterFunction.Holding, 0, 4);
        var device = new LoopbackRtuDevice(map, time, baudRate);
        await using var transport = new ModbusStreamTransport(device, RtuFramer.Instance, time, NullLogger.Instance);
        var request = ModbusRequest.ReadHoldingRegisters(0, 2);

        await transport.SendAsync(1, request, TimeSpan.FromSeconds(1), CancellationToken.None);
        var second = transport.SendAsync(1, request, TimeSpan.FromSeconds(1), CancellationToken.None);

        // The reply ended "now": the next request waits for 3.5 characters of silence.
        var silence = RtuTiming.SilentInterval(baudRate);
        Assert.Single(device.Writes);
        time.Advance(silence - TimeSpan.FromMicroseconds(10));
        Assert.Single(device.Writes);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await second.WaitAsync(TimeSpan.FromSeconds(5));

        // Timers count whole milliseconds: the wait is the silence rounded up, never less.
        Assert.Equal(2, device.Writes.Count);
        Assert.InRange(device.Writes[1] - device.Writes[0], silence, silence + TimeSpan.FromMilliseconds(1));
    }
}
