using System.Threading.Channels;

namespace ChargeNet.Drivers.Tests.Modbus;

/// <summary>
/// The device end of an in-memory Modbus link: each frame the client writes goes to <c>onRequest</c>, which may queue
/// replies with <see cref="Reply"/>; reads hand them out in order, waiting while there are none.
/// </summary>
internal sealed class InMemoryLinkStream(Action<InMemoryLinkStream, ReadOnlyMemory<byte>> onRequest) : Stream
{
    private readonly Channel<byte[]> _replies = Channel.CreateUnbounded<byte[]>();
    private byte[] _pending = [];

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Queues bytes for the client to read.</summary>
    public void Reply(byte[] bytes) => _replies.Writer.TryWrite(bytes);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_pending.Length == 0)
        {
            _pending = await _replies.Reader.ReadAsync(cancellationToken);
        }

        var count = Math.Min(buffer.Length, _pending.Length);
        _pending.AsMemory(0, count).CopyTo(buffer);
        _pending = _pending[count..];
        return count;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        onRequest(this, buffer);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    // At once, as Flush: a request is then on the wire, waiting for its reply, when the call that sent it returns.
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
