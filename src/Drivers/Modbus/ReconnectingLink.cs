using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Modbus;

/// <summary>
/// The open stream of a link, opened on first use and again after <see cref="Close"/>. A failed open
/// is not retried before a backoff (250 ms doubling to 30 s) has passed; until then callers fail fast
/// with the last reason, so a dead device does not stall a bus. A connection that broke counts as a
/// failed open (<see cref="Broke"/>), and the backoff starts over only once the link has answered
/// (<see cref="Answered"/>): a peer that accepts and then closes at once (at its connection limit,
/// one master at a time) is not reconnected to three times a request. Not thread-safe: the transport's
/// turn guards it.
/// </summary>
internal sealed partial class ReconnectingLink
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan MinReconnectDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(30);

    private readonly IModbusConnector _connector;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private Stream? _stream;
    private TimeSpan _reconnectDelay = MinReconnectDelay;
    private DateTimeOffset _nextAttempt = DateTimeOffset.MinValue;
    private string? _lastError;

    public ReconnectingLink(IModbusConnector connector, TimeProvider timeProvider, ILogger logger)
    {
        _connector = connector;
        _time = timeProvider;
        _logger = logger;
    }

    /// <summary>Whether a stream is open now.</summary>
    public bool IsOpen => _stream is not null;

    /// <summary>The open stream, opening it when needed; throws <see cref="ModbusConnectionException"/> when it cannot.</summary>
    public async Task<Stream> GetStreamAsync(CancellationToken cancellationToken)
    {
        if (_stream is not null)
        {
            return _stream;
        }

        var now = _time.GetUtcNow();
        if (now < _nextAttempt)
        {
            throw new ModbusConnectionException(
                $"{_connector.Description} is not connected ({_lastError}); next attempt in {(_nextAttempt - now).TotalSeconds:F1} s.");
        }

        try
        {
            _stream = await _connector.ConnectAsync(ConnectTimeout, cancellationToken).ConfigureAwait(false);
            _lastError = null;
            LogConnected(_logger, _connector.Description);
            return _stream;
        }
        catch (Exception ex) when (ex is IOException or SocketException or UnauthorizedAccessException
            or InvalidOperationException or ArgumentException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            _lastError = ex is OperationCanceledException ? "connect timed out" : ex.Message;
            BackOff(now);
            LogConnectFailed(_logger, _connector.Description, _lastError);
            throw new ModbusConnectionException($"{_connector.Description}: cannot connect: {_lastError}.", ex);
        }
    }

    public void Close()
    {
        _stream?.Dispose();
        _stream = null;
    }

    /// <summary>The connection broke (the peer closed it, a write or read failed): closed, and opened again only after the backoff.</summary>
    public void Broke(string reason)
    {
        Close();
        _lastError = reason;
        BackOff(_time.GetUtcNow());
    }

    /// <summary>The link carried an answer: the next broken connection is reconnected to after the shortest backoff again.</summary>
    public void Answered() => _reconnectDelay = MinReconnectDelay;

    private void BackOff(DateTimeOffset now)
    {
        _nextAttempt = now + _reconnectDelay;
        _reconnectDelay = TimeSpan.FromTicks(Math.Min(_reconnectDelay.Ticks * 2, MaxReconnectDelay.Ticks));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Modbus link {Link} connected")]
    private static partial void LogConnected(ILogger logger, string link);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Modbus link {Link} cannot connect: {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, string link, string reason);
}
