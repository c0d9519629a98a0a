using System.Buffers.Binary;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Meters;
using ChargeNet.Drivers.Templates;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeNet.Integration.Tests.Modbus;

/// <summary>
/// The meter driver against the modbus-serial TCP server holding a generic-meter register image: a
/// quiet NaN (0x7FC00000) in a current register, as the peer serves it on the wire, makes the reading
/// unknown with the register named, and the next good read is a reading again.
/// </summary>
public sealed class ImpossibleMeterValuesPeerTest(ModbusSerialTcpFixture peer) : IClassFixture<ModbusSerialTcpFixture>
{
    private const byte Unit = 77;

    [Fact]
    public async Task A_NaN_current_register_from_the_peer_makes_the_reading_unknown_and_names_the_register()
    {
        var template = DeviceTemplateCatalog.LoadBuiltIn(NullLogger.Instance).Get("generic-meter");
        await using var client = ModbusPeers.TcpClient(peer.Port, TimeSpan.FromSeconds(2));
        await using var meter = new ModbusMeter("grid", template, client, Unit, TimeProvider.System, NullLogger.Instance);

        // currentL1..3, voltageL1..3, powerL1..3, totalPower, importEnergy (kWh): float32, high word first.
        float[] good = [10, 11, 12, 230, 231, 232, 2300, 2541, 2784, 7625, 1000];
        await client.WriteMultipleRegistersAsync(Unit, 0, Words(good), CancellationToken.None);
        Assert.Equal(new PhaseValues(10, 11, 12), (await meter.ReadAsync(CancellationToken.None)).CurrentA);

        await client.WriteMultipleRegistersAsync(Unit, 0, [0x7FC0, 0x0000], CancellationToken.None);
        var ex = await Assert.ThrowsAsync<DeviceException>(() => meter.ReadAsync(CancellationToken.None));
        Assert.Contains("register currentL1 (address 0, Ieee32) = NaN is not a finite number", ex.Message, StringComparison.Ordinal);
        Assert.Equal(DeviceConnection.Degraded, meter.Health.Connection);

        await client.WriteMultipleRegistersAsync(Unit, 20, Words([1e12f]), CancellationToken.None);
        await client.WriteMultipleRegistersAsync(Unit, 0, Words([10]), CancellationToken.None);
        ex = await Assert.ThrowsAsync<DeviceException>(() => meter.ReadAsync(CancellationToken.None));
        Assert.Contains("register importEnergy (address 20, Ieee32)", ex.Message, StringComparison.Ordinal);

        await client.WriteMultipleRegistersAsync(Unit, 20, Words([1001]), CancellationToken.None);
        Assert.Equal(1_001_000, (await meter.ReadAsync(CancellationToken.None)).ImportEnergyWh);
    }

    private static ushort[] Words(float[] values)
    {
        var words = new ushort[values.Length * 2];
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleBigEndian(bytes, values[i]);
            words[2 * i] = BinaryPrimitives.ReadUInt16BigEndian(bytes);
            words[(2 * i) + 1] = BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]);
        }

        return words;
    }
}
