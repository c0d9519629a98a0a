using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Modbus;

/// <summary>
/// A Modbus link over a byte stream: Modbus TCP (MBAP framer over a socket), RTU over TCP (RTU framer
/// over a socket) or RTU on a serial line. One request at a time, devices served in turn
/// (<see cref="BusScheduler"/>); connects on first use and again after a failure, with backoff.
/// A reply is matched to its request by transaction id (MBAP) and unit id; replies that belong to an
/// earlier request that timed out are dropped, never handed on. On RTU, which has no transaction
/// ids, the line is drained after any failure so a late reply cannot be taken for the next one.
/// Silence is counted per unit (<see cref="UnitSilence"/>): a silent unit is backed off without touching the
/// link, and a TCP socket is reopened only when every unit asked on it lately is silent (or it broke).
/// </summary>
public sealed partial class ModbusStreamTransport : IModbusTransport
{
    private static readonly TimeSpan DrainQuietTime = TimeSpan.FromMilliseconds(30);

    private readonly IModbusConnector _connector;
    private readonly IModbusFramer _framer;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly BusScheduler _turns = new();
    private readonly byte[] _receive;
    private readonly byte[] _send;
    private readonly ReconnectingLink _link;
    private int _received;
    private readonly UnitSilence _silence;
    private readonly GiveWay? _giveWay;
    private ushort _transactionId;
    private bool _lineNeedsDrain;
    private DateTimeOffset _drainUntil;
    private long _lastActivity;
    private bool _disposed;

    public ModbusStreamTransport(IModbusConnector connector, IModbusFramer framer, TimeProvider timeProvider, ILogger logger, ModbusClientOptions? options = null)
    {
        options ??= ModbusClientOptions.Default;
        _connector = connector ?? throw new ArgumentNullException(nameof(connector));
        _framer = framer ?? throw new ArgumentNullException(nameof(framer));
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _link = new ReconnectingLink(connector, timeProvider, logger);
        _receive = new byte[framer.MaxAduLength * 4];
        _send = new byte[framer.MaxAduLength];
        _silence = new UnitSilence(options.SilentUnitBackoff, options.SilentUnitMaxBackoff);
        _giveWay = framer.HasTransactionIds ? new GiveWay(_turns, timeProvider) : null;
    }

    public string Description => _connector.Description;

    /// <summary>Modbus TCP to <paramref name="host"/>:<paramref name="port"/>.</summary>
    public static ModbusStreamTransport Tcp(string host, int port, TimeProvider timeProvider, ILogger logger, ModbusClientOptions? options = null) =>
        new(new TcpConnector(host, port), MbapFramer.Instance, timeProvider, logger, options);

    /// <summary>RTU frames tunnelled through a TCP gateway (no MBAP header).</summary>
    public static ModbusStreamTransport RtuOverTcp(string host, int port, TimeProvider timeProvider, ILogger logger, ModbusClientOptions? options = null) =>
        new(new TcpConnector(host, port), RtuFramer.Instance, timeProvider, logger, options);

    /// <summary>RTU on a serial line.</summary>
    public static ModbusStreamTransport Serial(SerialConnector connector, TimeProvider timeProvider, ILogger logger, ModbusClientOptions? options = null) =>
        new(connector, RtuFramer.Instance, timeProvider, logger, options);

    public async Task<ModbusResponse> SendAsync(byte unitId, ModbusRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var isBroadcast = unitId == 0 && !_framer.HasTransactionIds;
        if (isBroadcast && request.IsRead)
        {
            throw new ArgumentException("RTU address 0 is broadcast: it can only be written to.", nameof(unitId));
        }

        // A silent unit is refused before it waits for the link, and again once its turn came (it may have
        // fallen silent meanwhile): the others behind the same gateway do not wait out its timeouts.
        ThrowIfBackedOff(unitId, isBroadcast);
        using var turn = await _turns.EnterAsync(unitId, cancellationToken).ConfigureAwait(false);
        ObjectDisposedException.ThrowIf(_disposed, this);
        ThrowIfBackedOff(unitId, isBroadcast);
        var wasOpen = _link.IsOpen;
        var stream = await _link.GetStreamAsync(cancellationToken).ConfigureAwait(false);
        if (!wasOpen)
        {
            _received = 0;
        }

        long? sentAt = null;
        try
        {
            await PrepareLineAsync(stream, cancellationToken).ConfigureAwait(false);
            var transactionId = ++_transactionId;
            Span<byte> pdu = stackalloc byte[ModbusPdu.MaxLength];
            var pduLength = ModbusRequestCodec.Encode(request, pdu);
            var aduLength = _framer.EncodeRequest(_send, transactionId, unitId, pdu[..pduLength]);
            await stream.WriteAsync(_send.AsMemory(0, aduLength), cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            _lastActivity = _time.GetTimestamp();
            if (isBroadcast)
            {
                return ModbusResponse.ForWrite(request.Function);
            }

            sentAt = _lastActivity;
            _silence.Asked(unitId, _time.GetUtcNow());
            var response = await ReceiveAsync(stream, unitId, transactionId, request, timeout, cancellationToken).ConfigureAwait(false);
            RecordAnswer(unitId);
            return response;
        }
        catch (ModbusExceptionResponseException ex)
        {
            // An answer — unless it is a gateway saying that the unit behind it did not answer.
            if (ex.Code == ModbusExceptionCode.GatewayTargetDeviceFailedToRespond)
            {
                RecordNoAnswer(unitId);
            }
            else
            {
                RecordAnswer(unitId);
            }

            throw;
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            _link.Broke(ex.Message);
            _received = 0;
            throw new ModbusConnectionException($"{Description}: the connection broke: {ex.Message}", ex);
        }
        catch (ModbusTimeoutException ex)
        {
            // RTU has no transaction id: a reply that comes late must not be taken for the next one,
            // so the line is drained for one more timeout before the next request (a reply later
            // than twice the timeout cannot be told apart; docs/devices.md says so).
            var now = _time.GetUtcNow();
            _lineNeedsDrain = true;
            _drainUntil = now + timeout;
            var silent = RecordNoAnswer(unitId);
            if (_framer.HasTransactionIds && _silence.AllSilent(now))
            {
                // Every unit behind this socket is silent: it is likely half-open; a new one costs little. One silent
                // unit among answering ones says nothing about the socket (its late replies are dropped by transaction id).
                CloseStream();
            }

            throw new ModbusTimeoutException(silent ? ex.Message + " The unit is silent: it is backed off." : ex.Message, ex) { UnitSilent = silent };
        }
        catch (ModbusProtocolException)
        {
            _lineNeedsDrain = true;
            if (_framer.HasTransactionIds)
            {
                // The byte stream can no longer be trusted to be at a frame boundary.
                CloseStream();
            }

            throw;
        }
        catch (OperationCanceledException)
        {
            // The reply may still come: drop it on RTU (for as long as it could still be on time), and
            // let the transaction id reject it on TCP.
            _lineNeedsDrain = true;
            _drainUntil = _time.GetUtcNow() + timeout;
            if (sentAt is { } sent && _time.GetElapsedTime(sent) >= UnitSilence.MissAfter(timeout))
            {
                // The caller gave up after waiting a good part of the timeout (the control loop reads with a
                // deadline shorter than the timeout): for the link that is a unit that did not answer.
                RecordNoAnswer(unitId);
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        using var turn = await _turns.EnterAsync(0, CancellationToken.None).ConfigureAwait(false);
        CloseStream();
        _giveWay?.Dispose();
    }

    private async Task<ModbusResponse> ReceiveAsync(
        Stream stream, byte unitId, ushort transactionId, ModbusRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Giving way cancels the timeout's source too: one source per request, and none more for a unit alone on its link.
        using var timeoutSource = new CancellationTokenSource(timeout, _time);
        using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token) : null;
        var token = linked?.Token ?? timeoutSource.Token;
        _giveWay?.Begin(unitId, UnitSilence.MissAfter(timeout), timeoutSource);
        try
        {
            string? dropped = null;
            while (true)
            {
                var status = _framer.TryDecodeResponse(_receive.AsSpan(0, _received), out var frame, out var problem);
                if (status == FrameStatus.Invalid)
                {
                    _received = 0;
                    throw new ModbusProtocolException($"{Description} unit {unitId}: malformed reply to {request}: {problem}.");
                }

                if (status == FrameStatus.Complete)
                {
                    var pdu = _receive.AsSpan(frame.PduOffset, frame.PduLength).ToArray();
                    Consume(frame.Length);
                    if (_framer.HasTransactionIds && frame.TransactionId != transactionId)
                    {
                        dropped = $"dropped a reply with transaction id {frame.TransactionId} (expected {transactionId})";
                        LogDroppedReply(_logger, Description, frame.TransactionId, transactionId);
                        continue;
                    }

                    if (frame.UnitId != unitId)
                    {
                        _received = 0;
                        throw new ModbusProtocolException($"{Description}: reply to {request} came from unit {frame.UnitId}, not {unitId}.");
                    }

                    // On Modbus TCP what follows may be the next frame: a late reply to an earlier request that came in the
                    // same read. It stays, to be dropped by its transaction id — unless it cannot begin a frame. On RTU bytes
                    // after a reply are always garbage.
                    if (_received > 0 && (!_framer.HasTransactionIds
                        || _framer.TryDecodeResponse(_receive.AsSpan(0, _received), out _, out _) == FrameStatus.Invalid))
                    {
                        _received = 0;
                        throw new ModbusProtocolException($"{Description} unit {unitId}: trailing bytes after the reply to {request}.");
                    }

                    return DecodeReply(unitId, request, pdu);
                }

                if (_received == _receive.Length)
                {
                    _received = 0;
                    throw new ModbusProtocolException($"{Description} unit {unitId}: reply to {request} overflows the receive buffer.");
                }

                int read;
                try
                {
                    read = await stream.ReadAsync(_receive.AsMemory(_received), token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeoutSource.IsCancellationRequested)
                {
                    var detail = _received > 0 ? $"; {_received} bytes of an incomplete frame" : "";
                    var within = _giveWay is not { GaveWay: true }
                        ? $"within {timeout.TotalMilliseconds:F0} ms"
                        : $"within {UnitSilence.MissAfter(timeout).TotalMilliseconds:F0} ms, and another unit waits: it gave the link way";
                    throw new ModbusTimeoutException(
                        $"{Description} unit {unitId}: no reply to {request} {within}{detail}{(dropped is null ? "" : "; " + dropped)}.");
                }

                if (read == 0)
                {
                    throw new IOException("the peer closed the connection");
                }

                _received += read;
                _lastActivity = _time.GetTimestamp();
            }
        }
        finally
        {
            _giveWay?.End();
        }
    }

    private ModbusResponse DecodeReply(byte unitId, ModbusRequest request, byte[] pdu)
    {
        try
        {
            return ModbusResponseCodec.Decode(request, pdu);
        }
        catch (ModbusProtocolException ex)
        {
            throw new ModbusProtocolException($"{Description} unit {unitId}: {ex.Message}", ex);
        }
    }

    private void Consume(int count)
    {
        Buffer.BlockCopy(_receive, count, _receive, 0, _received - count);
        _received -= count;
    }

    /// <summary>
    /// RTU: leftovers of an earlier exchange are stale, and a reply that arrives late must not be taken
    /// for the next one; then keep the 3.5-character silence before sending.
    /// </summary>
    private async Task PrepareLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        if (_framer.HasTransactionIds)
        {
            return;
        }

        _received = 0;
        if (_lineNeedsDrain)
        {
            await DrainAsync(stream, cancellationToken).ConfigureAwait(false);
            _lineNeedsDrain = false;
        }

        var silence = _connector.SilentInterval;
        var elapsed = _time.GetElapsedTime(_lastActivity);
        if (elapsed < silence)
        {
            // Timers count whole milliseconds and drop the rest: round up, never wait too little.
            var wait = TimeSpan.FromMilliseconds(Math.Ceiling((silence - elapsed).TotalMilliseconds));
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Discards what arrives until <see cref="_drainUntil"/> has passed and the line has been quiet a while.</summary>
    private async Task DrainAsync(Stream stream, CancellationToken cancellationToken)
    {
        var quiet = DrainQuietTime > _connector.SilentInterval ? DrainQuietTime : _connector.SilentInterval;
        var scratch = new byte[256];
        for (var round = 0; round < 1024; round++)
        {
            var guard = _drainUntil - _time.GetUtcNow();
            using var quietSource = new CancellationTokenSource(guard > quiet ? guard : quiet, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, quietSource.Token);
            try
            {
                var read = await stream.ReadAsync(scratch, linked.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException("the line closed");
                }

                LogDrained(_logger, Description, read);
            }
            catch (OperationCanceledException) when (quietSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                if (_time.GetUtcNow() >= _drainUntil)
                {
                    return;
                }
            }
        }
    }

    private void RecordAnswer(byte unitId)
    {
        _link.Answered();
        if (_silence.Answered(unitId, _time.GetUtcNow()))
        {
            LogUnitAnswers(_logger, Description, unitId);
        }
    }

    // Returns whether the unit is silent now; says so once, when it falls silent.
    private bool RecordNoAnswer(byte unitId)
    {
        var silent = _silence.Unanswered(unitId, _time.GetUtcNow());
        if (_silence.UnansweredOf(unitId) == UnitSilence.SilentAfter)
        {
            LogUnitSilent(_logger, Description, unitId);
        }

        return silent;
    }

    private void ThrowIfBackedOff(byte unitId, bool isBroadcast)
    {
        if (!isBroadcast && _silence.Refusal(unitId, _time.GetUtcNow()) is { } refusal)
        {
            throw new ModbusUnitSilentException($"{Description}: {refusal}.");
        }
    }

    private void CloseStream()
    {
        _link.Close();
        _received = 0;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Modbus link {Link} dropped a reply with transaction id {Received}, waiting for {Expected}")]
    private static partial void LogDroppedReply(ILogger logger, string link, ushort received, ushort expected);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Modbus link {Link} unit {UnitId} is silent: it is asked again after a back-off, the other units on the link go on")]
    private static partial void LogUnitSilent(ILogger logger, string link, byte unitId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Modbus link {Link} unit {UnitId} answers again")]
    private static partial void LogUnitAnswers(ILogger logger, string link, byte unitId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Modbus link {Link} drained {Bytes} stale bytes")]
    private static partial void LogDrained(ILogger logger, string link, int bytes);
}
