using BenchmarkDotNet.Attributes;
using ChargeNet.Drivers.Modbus;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeNet.Benchmarks.Modbus;

/// <summary>
/// What one Modbus TCP read costs the transport in memory when its unit is alone on the link (a charger or meter on its
/// own connection, the usual case): the device answers at once, in memory, so the figure is the client's and the
/// transport's own. Run: <c>cd tests/Benchmarks &amp;&amp; dotnet run -c Release -- --filter '*ModbusRequestAllocation*' --job short --inProcess</c>
/// (docs/devices.md, "Several devices on one link").
/// </summary>
[MemoryDiagnoser]
public class ModbusRequestAllocationBenchmark
{
    private readonly CancellationTokenSource _deadline = new();
    private ModbusClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        var transport = new ModbusStreamTransport(new InstantDevice(), MbapFramer.Instance, TimeProvider.System, NullLogger.Instance);
        _client = new ModbusClient(transport, ModbusClientOptions.Default, TimeProvider.System, NullLogger.Instance);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _deadline.Dispose();
    }

    /// <summary>As the control loop reads: with a deadline of its own.</summary>
    [Benchmark]
    public ushort ReadWithDeadline() => _client.ReadHoldingRegistersAsync(1, 0, 2, _deadline.Token).GetAwaiter().GetResult()[0];

    /// <summary>As a poller without a deadline of its own.</summary>
    [Benchmark]
    public ushort ReadWithoutDeadline() => _client.ReadHoldingRegistersAsync(1, 0, 2, CancellationToken.None).GetAwaiter().GetResult()[0];

    /// <summary>A Modbus TCP device in memory whose reply to a register read is ready as soon as the request is written.</summary>
    private sealed class InstantDevice : IModbusConnector
    {
        private readonly Task<Stream> _stream = Task.FromResult<Stream>(new InstantStream());

        public string Description => "in-memory device";

        public TimeSpan SilentInterval => TimeSpan.Zero;

        public Task<Stream> ConnectAsync(TimeSpan timeout, CancellationToken cancellationToken) => _stream;
    }

    private sealed class InstantStream : Stream
    {
        private readonly byte[] _reply = new byte[260];
        private int _offset;
        private int _length;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        // MBAP request: transaction id, protocol 0, length, unit, function, address, quantity. Reply: zeros.
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var request = buffer.Span;
            var quantity = (request[10] << 8) | request[11];
            var bytes = 2 * quantity;
            Array.Clear(_reply);
            _reply[0] = request[0];
            _reply[1] = request[1];
            _reply[5] = (byte)(3 + bytes);
            _reply[6] = request[6];
            _reply[7] = request[7];
            _reply[8] = (byte)bytes;
            _offset = 0;
            _length = 9 + bytes;
            return ValueTask.CompletedTask;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var count = Math.Min(buffer.Length, _length - _offset);
            _reply.AsMemory(_offset, count).CopyTo(buffer);
            _offset += count;
            return ValueTask.FromResult(count);
        }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
