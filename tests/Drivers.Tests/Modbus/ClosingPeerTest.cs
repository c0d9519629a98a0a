using ChargeNet.Drivers.Modbus;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.Drivers.Tests.Modbus;

/// <summary>
/// A peer that accepts a connection and closes it at once (a gateway at its connection limit, a device that takes one master at a
/// time while an installer's tool is connected): a broken connection backs off like a failed connect, and the backoff starts
/// over only once the link has answered — not a reconnect for every request and every retry.
/// </summary>
public sealed class ClosingPeerTest
{
    [Fact]
    public async Task A_peer_that_accepts_and_closes_is_reconnected_to_only_after_a_growing_backoff()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));
        var peer = new ClosingPeer();
        await using var transport = new ModbusStreamTransport(peer, MbapFramer.Instance, time, NullLogger.Instance);
        var request = ModbusRequest.ReadHoldingRegisters(0, 1);

        async Task<int> ConnectsAfterAsync()
        {
            await Assert.ThrowsAsync<ModbusConnectionException>(() => transport.SendAsync(1, request, TimeSpan.FromSeconds(1), CancellationToken.None));
            return peer.Connects;
        }

        Assert.Equal(1, await ConnectsAfterAsync()); // connected, and it broke
        Assert.Equal(1, await ConnectsAfterAsync()); // not again at once
        time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal(2, await ConnectsAfterAsync()); // after 250 ms
        time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal(2, await ConnectsAfterAsync()); // the next wait is longer: 500 ms
        time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal(3, await ConnectsAfterAsync());
    }

    private sealed class ClosingPeer : IModbusConnector
    {
        private int _connects;

        public string Description => "closing peer";

        public TimeSpan SilentInterval => TimeSpan.Zero;

        public int Connects => Volatile.Read(ref _connects);

        public Task<Stream> ConnectAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _connects);
            return Task.FromResult<Stream>(new ClosedStream());
        }
    }

    /// <summary>Takes a request, then reads as a connection the peer closed.</summary>
    private sealed class ClosedStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("the peer closed the connection");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<int>(new IOException("the peer closed the connection"));

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }
}
