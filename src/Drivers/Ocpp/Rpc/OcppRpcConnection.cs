using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;
using ChargeNet.Drivers.Ocpp.Framing;
using ChargeNet.Drivers.Ocpp.Transport;
using ChargeNet.Drivers.Ocpp.Validation;
using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Ocpp.Rpc;

/// <summary>
/// The OCPP-J RPC layer of one connection, usable on either side (central system or charge point).
/// Incoming CALLs are validated against their schema and handled one at a time, in order, by a
/// worker; replies to our own CALLs are matched by <see cref="OcppPendingCalls"/>. At most one CALL
/// of ours is outstanding at a time (OCPP-J 1.6, section 4.1.1); further ones wait their turn (<see cref="OcppCallTurns"/>:
/// a call that gives way goes last and is given up for any other).
/// </summary>
public sealed class OcppRpcConnection : IAsyncDisposable
{
    private readonly IOcppTransport _transport;
    private readonly IOcppCallHandler _handler;
    private readonly OcppSchemaValidator _validator;
    private readonly OcppRpcOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly OcppVersion _version;
    private readonly OcppPendingCalls _pending = new();
    private readonly OcppCallTurns _turns = new();
    private readonly Channel<OcppCall> _incoming;
    private readonly OcppReplyCache _replies;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource<string> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;
    private long _lastReceivedTicks;

    public OcppRpcConnection(
        IOcppTransport transport,
        IOcppCallHandler handler,
        OcppSchemaValidator validator,
        OcppRpcOptions options,
        TimeProvider time,
        ILogger logger,
        OcppVersion version = OcppVersion.V16)
    {
        _version = version;
        _transport = transport;
        _handler = handler;
        _validator = validator;
        _options = options;
        _time = time;
        _logger = logger;
        _replies = new OcppReplyCache(options.RepliesRemembered);
        OpenedAt = time.GetUtcNow();
        _incoming = Channel.CreateBounded<OcppCall>(new BoundedChannelOptions(options.IncomingQueueLength)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>When this connection was set up (the peer had just completed its upgrade).</summary>
    public DateTimeOffset OpenedAt { get; }

    /// <summary>When the peer's last message arrived, whatever it was (a CALL, a reply, even a malformed frame); null before the first.</summary>
    public DateTimeOffset? LastReceivedAt => _lastReceivedTicks == 0 ? null : new DateTimeOffset(Interlocked.Read(ref _lastReceivedTicks), TimeSpan.Zero);

    /// <summary>See <see cref="IOcppTransport.KeepAliveWindow"/>.</summary>
    public TimeSpan? KeepAliveWindow => _transport.KeepAliveWindow;

    /// <summary>Completes with the reason when the connection has ended.</summary>
    public Task<string> Closed => _closed.Task;

    /// <summary>
    /// Reads and answers until the peer goes away, the connection is closed or <paramref name="cancellationToken"/> fires.
    /// <paramref name="ending"/> runs with the reason as soon as the end is seen — before the peer's
    /// close is answered and before the calls in hand are finished — so the owner can let go of the
    /// connection first: a peer that reconnects the moment it has its answer must not find it still there.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken, Func<string, Task>? ending = null)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        var worker = Task.Run(() => HandleIncomingCallsAsync(linked.Token), CancellationToken.None);
        var end = OcppReceiveResult.Closed("ended");
        try
        {
            end = await ReceiveLoopAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            end = OcppReceiveResult.Closed("closed");
        }
        finally
        {
            var reason = end.CloseReason ?? "closed";
            await RunEndingAsync(ending, reason).ConfigureAwait(false);
            if (end.Reply is { } reply)
            {
                await _transport.CloseAsync(reply.Code, reply.Reason, CancellationToken.None).ConfigureAwait(false);
            }

            _incoming.Writer.TryComplete();
            _pending.FailAll(new OcppRpcException("Connection ended: " + reason));
            try
            {
                await worker.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Closing while a call was being handled.
            }

            _closed.TrySetResult(reason);
        }
    }

    /// <summary>Sends a CALL and returns the validated CALLRESULT payload; throws <see cref="OcppRpcException"/> otherwise.</summary>
    public Task<JsonElement> CallAsync(string action, JsonElement payload, CancellationToken cancellationToken) =>
        CallAsync(action, payload, Guid.NewGuid().ToString("N"), cancellationToken);

    /// <summary>
    /// <see cref="CallAsync(string, JsonElement, CancellationToken)"/>, telling <paramref name="onWire"/> when the CALL has its turn
    /// (one call at a time, OCPP-J section 4.1.1) and its frame goes out: until then it waits behind another call, unsent.
    /// </summary>
    public Task<JsonElement> CallAsync(string action, JsonElement payload, Action onWire, CancellationToken cancellationToken) =>
        CallAsync(action, payload, Guid.NewGuid().ToString("N"), onWire, false, cancellationToken);

    /// <summary>
    /// <see cref="CallAsync(string, JsonElement, CancellationToken)"/> with the caller's message id: a
    /// message sent again after a lost answer keeps its id, so a peer that remembers ids acts on it once.
    /// </summary>
    public Task<JsonElement> CallAsync(string action, JsonElement payload, string messageId, CancellationToken cancellationToken) =>
        CallAsync(action, payload, messageId, null, false, cancellationToken);

    private async Task<JsonElement> CallAsync(string action, JsonElement payload, string messageId, Action? onWire, bool givesWay, CancellationToken cancellationToken)
    {
        var turn = await _turns.TakeAsync(givesWay, cancellationToken).ConfigureAwait(false);
        if (Volatile.Read(ref _disposed) != 0)
        {
            // Its turn came after the connection was disposed (its lifetime with it): a call not sent.
            _turns.Release(turn);
            throw new OcppRpcException("The connection is closed.");
        }

        try
        {
            var reply = _pending.Register(messageId);
            using var timeout = new CancellationTokenSource(_options.CallTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token, _lifetime.Token, turn.GiveWay);
            try
            {
                // The caller's token ends its wait, never the frame's write: a WebSocket send cancelled mid-frame aborts the socket, and
                // the charger's whole connection with it (docs/ocpp.md, "A call given up"). A frame once begun is written whole, within the call's timeout.
                cancellationToken.ThrowIfCancellationRequested();
                turn.GiveWay.ThrowIfCancellationRequested(); // another call came before this one's frame: it goes first, this one unsent
                onWire?.Invoke();
                var write = WriteAsync(OcppFrameCodec.Encode(new OcppCall(messageId, action, payload)));
                try
                {
                    await write.WaitAsync(linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!write.IsCompleted)
                {
                    // Given up mid-frame: the write goes on; should it fail, the receive loop sees the broken connection.
                    _ = write.ContinueWith(static done => done.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    throw;
                }

                var frame = await reply.WaitAsync(linked.Token).ConfigureAwait(false);
                return frame switch
                {
                    OcppCallError error => throw new OcppRpcException(error.ErrorCode, $"{action} was refused: {error.ErrorCode} {error.Description}"),
                    OcppCallResult result when _validator.Validate(action, false, result.Payload) is { } invalid =>
                        throw new OcppRpcException(invalid.ErrorCode, $"The answer to {action} is invalid: {invalid.Description}"),
                    OcppCallResult result => result.Payload,
                    _ => throw new OcppRpcException("Unexpected reply frame."),
                };
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new OcppRpcException($"{action} got no answer within {_options.CallTimeout.TotalSeconds:0.#} s.");
            }
            catch (OperationCanceledException) when (turn.GiveWay.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // Given up for the call behind it, as a call timed out (OCPP-J 4.1.1 lets the sender choose its timeout): its late answer is ignored.
                throw new OcppRpcException($"{action} gave way to another call before it was answered.") { GaveWay = true };
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The edge closed the connection (a takeover, a shutdown): a call not answered, as when the peer drops it, never
                // a cancellation its caller did not ask for.
                throw new OcppRpcException($"The connection closed before {action} was answered.");
            }
            catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or IOException or ObjectDisposedException)
            {
                throw new OcppRpcException($"{action} could not be sent: {e.Message}", e);
            }
            finally
            {
                _pending.Abandon(messageId);
            }
        }
        finally
        {
            _turns.Release(turn);
        }
    }

    // A CALL's frame, bounded by the call's own timeout and the connection's life, not by its caller's token.
    private async Task WriteAsync(byte[] frame)
    {
        using var timeout = new CancellationTokenSource(_options.CallTimeout, _time);
        using var write = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _lifetime.Token);
        await _transport.SendAsync(frame, write.Token).ConfigureAwait(false);
    }

    /// <summary>
    /// Typed <see cref="CallAsync(string, JsonElement, Action, CancellationToken)"/>; one that <paramref name="givesWay"/> goes only
    /// while no other call waits and is given up for the first that comes (<see cref="OcppRpcException.GaveWay"/>: <see cref="OcppCallTurns"/>).
    /// </summary>
    public async Task<TResponse> CallAsync<TRequest, TResponse>(
        string action,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken,
        Action? onWire = null,
        bool givesWay = false)
    {
        var payload = JsonSerializer.SerializeToElement(request, requestType);
        var answer = await CallAsync(action, payload, Guid.NewGuid().ToString("N"), onWire, givesWay, cancellationToken).ConfigureAwait(false);
        try
        {
            return answer.Deserialize(responseType) ?? throw new OcppRpcException(OcppErrorCode.FormationViolation, $"The answer to {action} is empty.");
        }
        catch (JsonException e)
        {
            throw new OcppRpcException(OcppErrorCode.TypeConstraintViolation, $"The answer to {action} cannot be read: {e.Message}");
        }
    }

    /// <summary>Closes the connection (1000 normal, 1008 policy, 1012 restart …) and stops the loops.</summary>
    public async Task CloseAsync(int closeCode, string reason, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        try
        {
            await _transport.CloseAsync(closeCode, reason, cancellationToken).ConfigureAwait(false);
            await _lifetime.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // Its own run ended and disposed it meanwhile: closed either way.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _lifetime.CancelAsync().ConfigureAwait(false);
        _pending.FailAll(new ObjectDisposedException(nameof(OcppRpcConnection)));
        await _transport.DisposeAsync().ConfigureAwait(false);
        _lifetime.Dispose();

        // The turns hold nothing to dispose: a call still holding one hands it on after this, and its caller (a limit keeper
        // holding its own gate) is not left hanging.
    }

    private async Task RunEndingAsync(Func<string, Task>? ending, string reason)
    {
        if (ending is null)
        {
            return;
        }

        try
        {
            await ending(reason).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The connection ends either way; its close must still be answered.
            OcppLog.HandlerFailed(_logger, e, _transport.RemoteDescription, "connection end");
        }
    }

    private async Task<OcppReceiveResult> ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var received = await _transport.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            if (received.IsClosed)
            {
                return received;
            }

            Interlocked.Exchange(ref _lastReceivedTicks, _time.GetUtcNow().UtcTicks);

            if (!OcppFrameCodec.TryDecode(received.Message, out var frame, out var failure))
            {
                OcppLog.BadFrame(_logger, _transport.RemoteDescription, failure!.ErrorCode, failure.Description);
                if (failure.ShouldReply)
                {
                    await SendQuietlyAsync(new OcppCallError(failure.MessageId, OcppErrorSpelling.ForUndecodable(_version, failure), failure.Description), cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            switch (frame)
            {
                case OcppCall call:
                    await _incoming.Writer.WriteAsync(call, cancellationToken).ConfigureAwait(false);
                    break;
                case OcppCallResult or OcppCallError when !_pending.TryComplete(frame):
                    OcppLog.UnmatchedReply(_logger, _transport.RemoteDescription, frame.MessageId);
                    break;
            }
        }
    }

    private async Task HandleIncomingCallsAsync(CancellationToken cancellationToken)
    {
        await foreach (var call in _incoming.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (_replies.TryGet(call.MessageId, out var again))
            {
                OcppLog.RepeatedCall(_logger, _transport.RemoteDescription, call.Action, call.MessageId);
                await SendQuietlyAsync(again, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var afterReply = new OcppAfterReply();
            var reply = await AnswerAsync(call, afterReply, cancellationToken).ConfigureAwait(false);
            if (reply is OcppCallError error)
            {
                reply = error with { ErrorCode = OcppErrorSpelling.For(_version, error.ErrorCode) };
            }

            var encoded = OcppFrameCodec.Encode(reply);
            _replies.Add(call.MessageId, encoded);
            await SendQuietlyAsync(encoded, cancellationToken).ConfigureAwait(false);
            foreach (var work in afterReply.Work)
            {
                _ = RunAfterReplyAsync(work, call.Action);
            }
        }
    }

    private async ValueTask<OcppFrame> AnswerAsync(OcppCall call, OcppAfterReply afterReply, CancellationToken cancellationToken)
    {
        if (!_validator.KnowsAction(call.Action))
        {
            return new OcppCallError(call.MessageId, OcppErrorCode.NotImplemented, $"Unknown action '{call.Action}'.");
        }

        if (_validator.Validate(call.Action, true, call.Payload) is { } invalid)
        {
            OcppLog.InvalidPayload(_logger, _transport.RemoteDescription, call.Action, invalid.ErrorCode, invalid.Description);
            return new OcppCallError(call.MessageId, invalid.ErrorCode, invalid.Description);
        }

        try
        {
            return await _handler.HandleAsync(call, afterReply, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // A failing handler must not take the connection (or the daemon) down; the peer hears why.
            OcppLog.HandlerFailed(_logger, e, _transport.RemoteDescription, call.Action);
            return new OcppCallError(call.MessageId, OcppErrorCode.InternalError, $"{call.Action} could not be handled: {e.GetType().Name}");
        }
    }

    private async Task RunAfterReplyAsync(Func<CancellationToken, Task> work, string action)
    {
        try
        {
            await work(_lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException && _lifetime.IsCancellationRequested)
        {
            // The connection ended meanwhile.
        }
        catch (Exception e)
        {
            OcppLog.HandlerFailed(_logger, e, _transport.RemoteDescription, action + " (after reply)");
        }
    }

    private ValueTask SendQuietlyAsync(OcppFrame frame, CancellationToken cancellationToken) =>
        SendQuietlyAsync(OcppFrameCodec.Encode(frame), cancellationToken);

    private async ValueTask SendQuietlyAsync(byte[] encoded, CancellationToken cancellationToken)
    {
        try
        {
            await _transport.SendAsync(encoded, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or IOException or ObjectDisposedException)
        {
            // The receive loop sees the broken connection and ends it.
            OcppLog.SendFailed(_logger, _transport.RemoteDescription, e.Message);
        }
    }
}
