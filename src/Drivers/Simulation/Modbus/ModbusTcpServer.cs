using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using ChargeNet.Drivers.Modbus;
using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Simulation.Modbus;

/// <summary>
/// An in-process Modbus TCP server for demo mode and tests: several unit ids on one port (as behind a
/// gateway), any number of clients, port 0 for an OS-assigned port. A request to a unit id it does not
/// serve gets exception 0A (gateway path unavailable); a frame it cannot read closes that connection.
/// </summary>
/// <example>
/// <code>
/// await using var server = new ModbusTcpServer(logger);
/// server.AddUnit(1, simulatedMeter);
/// server.Start();               // or: await server.RunAsync(stoppingToken)
/// var port = server.Port;
/// </code>
/// </example>
public sealed partial class ModbusTcpServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<byte, IModbusServerUnit> _units = new();
    private readonly ConcurrentDictionary<Task, byte> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILogger _logger;
    private readonly IPEndPoint _endpoint;
    private TcpListener? _listener;
    private Task? _acceptLoop;

    public ModbusTcpServer(ILogger logger, IPAddress? address = null, int port = 0)
    {
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _endpoint = new IPEndPoint(address ?? IPAddress.Loopback, port);
    }

    /// <summary>The port it listens on (known after <see cref="Start"/>).</summary>
    public int Port { get; private set; }

    /// <summary>Serves <paramref name="unit"/> at <paramref name="unitId"/> (also while running).</summary>
    public void AddUnit(byte unitId, IModbusServerUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (!_units.TryAdd(unitId, unit))
        {
            throw new ArgumentException($"Unit id {unitId} is already served.", nameof(unitId));
        }
    }

    public void Start()
    {
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        if (_listener is not null)
        {
            return;
        }

        _listener = new TcpListener(_endpoint);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync(_listener, _stopping.Token);
        LogListening(_logger, Port, _units.Count);
    }

    /// <summary>Starts, and serves until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Start();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await StopAsync().ConfigureAwait(false);
        }
    }

    public async Task StopAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Stop();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        await Task.WhenAll(_connections.Keys).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _listener?.Dispose();
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            socket.NoDelay = true;
            var connection = ServeAsync(socket, cancellationToken);
            _connections.TryAdd(connection, 0);
            _ = connection.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[MbapFrame.MaxLength * 4];
        var reply = new byte[MbapFrame.MaxLength];
        var received = 0;
        using (socket)
        {
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            try
            {
                while (true)
                {
                    var status = MbapFrame.TryDecode(buffer.AsSpan(0, received), out var frame, out var problem);
                    if (status == FrameStatus.Invalid)
                    {
                        LogBadFrame(_logger, problem ?? "");
                        return;
                    }

                    if (status == FrameStatus.Complete)
                    {
                        var length = Answer(buffer.AsSpan(0, frame.Length), frame, reply);
                        Buffer.BlockCopy(buffer, frame.Length, buffer, 0, received - frame.Length);
                        received -= frame.Length;
                        await stream.WriteAsync(reply.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(received), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return;
                    }

                    received += read;
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // The client went away or the server stops.
            }
        }
    }

    private int Answer(ReadOnlySpan<byte> adu, ModbusFrame frame, Span<byte> reply)
    {
        Span<byte> pdu = stackalloc byte[ModbusPdu.MaxLength];
        var pduLength = ModbusServerDispatcher.Dispatch(
            _units.TryGetValue(frame.UnitId, out var unit) ? unit : null, adu.Slice(frame.PduOffset, frame.PduLength), pdu, _logger);
        return MbapFrame.Encode(reply, frame.TransactionId, frame.UnitId, pdu[..pduLength]);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulated Modbus TCP server listening on port {Port} with {Units} units")]
    private static partial void LogListening(ILogger logger, int port, int units);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated Modbus TCP server closed a connection: {Problem}")]
    private static partial void LogBadFrame(ILogger logger, string problem);
}
