namespace ChargeNet.Drivers.Ocpp.Transport;

/// <summary>
/// Carries whole OCPP-J text messages (a WebSocket in production). Knows nothing of frames:
/// the RPC layer decodes what it receives.
/// </summary>
public interface IOcppTransport : IAsyncDisposable
{
    /// <summary>A short description for logs (the remote address).</summary>
    string RemoteDescription { get; }

    /// <summary>Receives the next whole message; <see cref="OcppReceiveResult.Closed"/> when the peer closed or the message was too large.</summary>
    ValueTask<OcppReceiveResult> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Sends one whole UTF-8 text message. Safe to call from several threads: sends are serialised.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken);

    /// <summary>
    /// How far back an open connection proves that the peer answered: a transport that pings and
    /// closes the connection when a pong is late vouches for the last ping interval plus the pong
    /// timeout. Null when the transport does not check (then only received messages prove contact).
    /// </summary>
    TimeSpan? KeepAliveWindow => null;

    /// <summary>Closes the connection with a WebSocket close code and reason.</summary>
    Task CloseAsync(int closeCode, string reason, CancellationToken cancellationToken);
}
