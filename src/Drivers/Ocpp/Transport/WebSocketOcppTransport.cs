using System.Buffers;
using System.Net.WebSockets;

namespace ChargeNet.Drivers.Ocpp.Transport;

/// <summary>
/// An <see cref="IOcppTransport"/> over a <see cref="WebSocket"/>, server or client side. A
/// message larger than the frame limit closes the connection with 1009 (message too big, RFC 6455
/// section 7.1); a binary message closes it with 1003 (OCPP-J uses text frames only).
/// </summary>
public sealed class WebSocketOcppTransport : IOcppTransport
{
    private readonly WebSocket _socket;
    private readonly int _maxMessageBytes;
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly ArrayBufferWriter<byte> _receiveBuffer = new(4096);

    public WebSocketOcppTransport(WebSocket socket, int maxMessageBytes, string remoteDescription)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageBytes, 1024);
        _socket = socket;
        _maxMessageBytes = maxMessageBytes;
        RemoteDescription = remoteDescription;
    }

    public string RemoteDescription { get; }

    /// <summary>Set when the socket was accepted with a keep-alive timeout: its interval plus that timeout.</summary>
    public TimeSpan? KeepAliveWindow { get; init; }

    public async ValueTask<OcppReceiveResult> ReceiveAsync(CancellationToken cancellationToken)
    {
        _receiveBuffer.ResetWrittenCount();
        while (true)
        {
            ValueWebSocketReceiveResult result;
            try
            {
                var room = Math.Min(4096, _maxMessageBytes + 1 - _receiveBuffer.WrittenCount);
                result = await _socket.ReceiveAsync(_receiveBuffer.GetMemory(room)[..room], cancellationToken).ConfigureAwait(false);
                _receiveBuffer.Advance(result.Count);
            }
            catch (Exception e) when (e is WebSocketException or IOException)
            {
                return OcppReceiveResult.Closed("connection lost: " + e.Message);
            }

            // Each end owes the peer a close, sent by the receiver once it has let go (OcppReceiveResult).
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return OcppReceiveResult.Closed(
                    $"closed by the peer ({(int?)_socket.CloseStatus} {_socket.CloseStatusDescription})",
                    new OcppCloseReply((int)WebSocketCloseStatus.NormalClosure, "closing"));
            }

            if (_receiveBuffer.WrittenCount > _maxMessageBytes)
            {
                return OcppReceiveResult.Closed(
                    $"a message exceeded {_maxMessageBytes} bytes",
                    new OcppCloseReply((int)WebSocketCloseStatus.MessageTooBig, $"message larger than {_maxMessageBytes} bytes"));
            }

            if (result.MessageType == WebSocketMessageType.Binary)
            {
                return OcppReceiveResult.Closed(
                    "the peer sent a binary message",
                    new OcppCloseReply((int)WebSocketCloseStatus.InvalidMessageType, "OCPP-J uses text frames"));
            }

            if (result.EndOfMessage)
            {
                return new OcppReceiveResult(_receiveBuffer.WrittenMemory, false, null);
            }
        }
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken)
    {
        await _sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(utf8, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    public Task CloseAsync(int closeCode, string reason, CancellationToken cancellationToken) =>
        CloseQuietlyAsync((WebSocketCloseStatus)closeCode, reason, cancellationToken);

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        _sendGate.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task CloseQuietlyAsync(WebSocketCloseStatus status, string reason, CancellationToken cancellationToken)
    {
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                await _socket.CloseAsync(status, reason, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer is gone already; there is nobody left to tell.
        }
    }
}
