using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>
/// The edge's <c>authorize</c> requests that wait for the cloud's <c>authorize-result</c>, by request id
/// (docs/mqtt.md). The link hands every answer here; the asker waits on its own request only.
/// </summary>
public sealed partial class CloudAuthorizeRequests
{
    private readonly ILogger<CloudAuthorizeRequests> _logger;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<CloudAuthorizeAnswer?>> _waiting = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private CloudLink? _link;

    /// <param name="logger">Where unreadable answers are logged.</param>
    /// <param name="time">The clock an answer's <c>departureAt</c> is judged by.</param>
    public CloudAuthorizeRequests(ILogger<CloudAuthorizeRequests> logger, TimeProvider? time = null)
    {
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// The link that carries the requests, set by the link when it is made: it cannot be handed in,
    /// because the link's commands reach the OCPP server, whose authorizer asks through this.
    /// </summary>
    internal void Attach(CloudLink link) => Volatile.Write(ref _link, link);

    /// <summary>Sends a request; false when there is no link or it is down.</summary>
    internal Task<bool> TrySendAsync(string leaf, string payload, string responseLeaf, byte[] correlation, CancellationToken cancellationToken) =>
        Volatile.Read(ref _link) is { } link ? link.TryRequestAsync(leaf, payload, responseLeaf, correlation, cancellationToken) : Task.FromResult(false);

    /// <summary>A new request id and the task its answer completes (null: the cloud's answer could not be read).</summary>
    public (string Id, Task<CloudAuthorizeAnswer?> Answer) Open()
    {
        var id = Guid.NewGuid().ToString("N");
        var answer = new TaskCompletionSource<CloudAuthorizeAnswer?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[id] = answer;
        return (id, answer.Task);
    }

    /// <summary>Forgets a request that was answered or given up.</summary>
    public void Close(string id) => _waiting.TryRemove(id, out _);

    /// <summary>An <c>authorize-result</c> as it came: completes the request it answers. A late answer, or one to no request of this edge, is dropped.</summary>
    public void Deliver(ReadOnlySpan<byte> payload)
    {
        var readable = CloudAuthorizeAnswer.TryParse(payload, out var answer, out var id, out var problem, _time.GetUtcNow());
        if (!readable)
        {
            LogUnreadable(id ?? "-", problem!);
        }

        if (id is not null && _waiting.TryRemove(id, out var waiting))
        {
            // An answer that cannot be read is no answer: the offline rule decides at once instead of after the timeout.
            waiting.TrySetResult(answer);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cloud: an authorize-result ({Id}) was not used: {Problem}")]
    private partial void LogUnreadable(string id, string problem);
}
