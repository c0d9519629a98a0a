using ChargeNet.Drivers.Modbus;
using ChargeNet.Drivers.Simulation.Modbus;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeNet.Drivers.Tests.Modbus;

/// <summary>
/// An RTU device on an in-memory line: each request frame written is answered at once by a simulated
/// unit, and the time of every write is noted on the test's clock.
/// </summary>
internal sealed class LoopbackRtuDevice(IModbusServerUnit unit, TimeProvider time, int baudRate) : IModbusConnector
{
    private readonly List<DateTimeOffset> _writes = [];

    public string Description => "loopback";

    public TimeSpan SilentInterval => RtuTiming.SilentInterval(baudRate);

    public IReadOnlyList<DateTimeOffset> Writes
    {
        get
        {
            lock (_writes)
            {
                return [.. _writes];
            }
        }
    }

    public Task<Stream> ConnectAsync(TimeSpan timeout, CancellationToken cancellationToken) => Task.FromResult<Stream>(new InMemoryLinkStream((line, adu) => OnRequest(line, adu.Span)));

    private void OnRequest(InMemoryLinkStream line, ReadOnlySpan<byte> adu)
    {
        lock (_writes)
        {
            _writes.Add(time.GetUtcNow());
        }

        Assert.Equal(FrameStatus.Complete, RtuFrame.TryDecodeRequest(adu, out var frame, out _));
        Span<byte> pdu = stackalloc byte[253];
        var length = ModbusServerDispatcher.Dispatch(unit, adu.Slice(frame.PduOffset, frame.PduLength), pdu, NullLogger.Instance);
        var reply = new byte[256];
        var total = RtuFrame.Encode(reply, frame.UnitId, pdu[..length]);
        line.Reply(reply[..total]);
    }
}
