using System.Net.Sockets;

namespace ChargeNet.Drivers.Modbus;

/// <summary>Connects to a Modbus TCP server or an RTU-over-TCP gateway.</summary>
public sealed class TcpConnector : IModbusConnector
{
    private readonly string _host;
    private readonly int _port;

    public TcpConnector(string host, int port)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        _host = host;
        _port = port;
    }

    public string Description => $"{_host}:{_port}";

    public TimeSpan SilentInterval => TimeSpan.Zero;

    public async Task<Stream> ConnectAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutSource.CancelAfter(timeout);
            await socket.ConnectAsync(_host, _port, timeoutSource.Token).ConfigureAwait(false);
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
