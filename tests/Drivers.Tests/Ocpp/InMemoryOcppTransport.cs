using System.Text;
using System.Threading.Channels;
using ChargeNet.Drivers.Ocpp.Transport;

namespace ChargeNet.Drivers.Tests.Ocpp;

/// <summary>A transport the test plays the other end of: it reads what was sent and injects what arrives.</summary>
public sealed class InMemoryOcppTransport : IOcppTransport
{
    private readonly Channel<OcppReceiveResult> _inbound = Channel.CreateUnbounded<OcppReceiveResult>();

    public Channel<string> Sent { get; } = Channel.CreateUnbounded<string>();

    public string RemoteDescription => "in-memory";

    /// <summary>What a WebSocket with keep-alive would vouch for; none by default.</summary>
    public TimeSpan? KeepAliveWindow { get; init; }

    public void Inject(string text) => _inbound.Writer.TryWrite(new OcppReceiveResult(Encoding.UTF8.GetBytes(text), false, null));

    public void Drop() => _inbound.Writer.TryWrite(OcppReceiveResult.Closed("dropped by the test"));

    public async Task<string> NextSentAsync() => await Sent.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));

    public ValueTask<OcppReceiveResult> ReceiveAsync(CancellationToken cancellationToken) => _inbound.Reader.ReadAsync(cancellationToken);

    public ValueTask SendAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken)
    {
        Sent.Writer.TryWrite(Encoding.UTF8.GetString(utf8.Span));
        return ValueTask.CompletedTask;
    }

    public Task CloseAsync(int closeCode, string reason, CancellationToken cancellationToken)
    {
        Drop();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
