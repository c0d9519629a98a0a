using System.Threading.Channels;
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
    private readonly Channel<byte[]> _replies = Channel.CreateUnbounded<byte[]>();
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

    public Task<Stream> ConnectAsync(TimeSpan timeout, CancellationToken cancellationToken) => Task.FromResult<Stream>(new LineStream(this));

    private void OnRequest(ReadOnlySpan<byte> adu)
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
        _replies.Writer.TryWrite(reply[..total]);
    }

    private sealed class LineStream(LoopbackRtuDevice device) : Stream
    {
        private byte[] _pending = [];

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_pending.Length == 0)
            {
                _pending = await device._replies.Reader.ReadAsync(cancellationToken);
            }

            var count = Math.Min(buffer.Length, _pending.Length);
            _pending.AsMemory(0, count).CopyTo(buffer);
            _pending = _pending[count..];
            return count;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            device.OnRequest(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
