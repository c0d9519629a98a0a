namespace ChargeNet.Drivers.Ocpp.Upstream;

/// <summary>An <see cref="IOcppUpstreamOutbox"/> in memory (lost with the process): for tests and hosts without a store.</summary>
public sealed class InMemoryOcppUpstreamOutbox : IOcppUpstreamOutbox
{
    private readonly Lock _lock = new();
    private readonly List<OcppUpstreamMessage> _waiting = [];
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly List<OcppUpstreamMessage> _done = [];
    private readonly Dictionary<(string ChargePointId, string Edge), string> _upstreamIds = [];
    private readonly HashSet<string> _held = new(StringComparer.Ordinal);
    private long _sequence;

    public Task<OcppUpstreamMessage?> AddAsync(string chargePointId, string action, string payload, string? edgeTransactionId, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_keys.Add(key))
            {
                return Task.FromResult<OcppUpstreamMessage?>(null);
            }

            var message = new OcppUpstreamMessage(++_sequence, chargePointId, Guid.NewGuid().ToString("N"), action, payload, edgeTransactionId, key, now);
            _waiting.Add(message);
            return Task.FromResult<OcppUpstreamMessage?>(message);
        }
    }

    public Task<bool> ContainsAsync(string key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_keys.Contains(key));
        }
    }

    public Task<OcppUpstreamMessage?> OldestAsync(string chargePointId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_waiting.FirstOrDefault(m => m.ChargePointId == chargePointId));
        }
    }

    public Task<OcppUpstreamMessage?> DropOldestAsync(string chargePointId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var oldest = _waiting.FirstOrDefault(m => m.ChargePointId == chargePointId && m.EdgeTransactionId is null);
            if (oldest is not null)
            {
                _waiting.Remove(oldest);
                _done.Add(oldest);
            }

            return Task.FromResult(oldest);
        }
    }

    public Task<int> CountAsync(string chargePointId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_waiting.Count(m => m.ChargePointId == chargePointId));
        }
    }

    public Task DeliveredAsync(OcppUpstreamMessage message, string? upstreamTransactionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var index = _waiting.FindIndex(m => m.Sequence == message.Sequence);
            if (index >= 0)
            {
                _done.Add(_waiting[index]);
                _waiting.RemoveAt(index);
            }

            if (upstreamTransactionId is not null && message.EdgeTransactionId is { } edge)
            {
                _upstreamIds[(message.ChargePointId, edge)] = upstreamTransactionId;
            }
        }

        return Task.CompletedTask;
    }

    public Task<int> ForgetDoneAsync(string chargePointId, int keep, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var mine = _done.Where(m => m.ChargePointId == chargePointId).ToList();
            var forgotten = mine.Take(Math.Max(0, mine.Count - keep)).Where(m => !_held.Contains(m.Key)).ToList();
            foreach (var message in forgotten)
            {
                _done.Remove(message);
                _keys.Remove(message.Key);
                if (message.EndsMappedTransaction)
                {
                    _upstreamIds.Remove((chargePointId, message.EdgeTransactionId!));
                }
            }

            return Task.FromResult(forgotten.Count);
        }
    }

    public Task HoldAsync(string key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _held.Add(key);
        }

        return Task.CompletedTask;
    }

    public Task ReleaseAsync(string key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _held.Remove(key);
        }

        return Task.CompletedTask;
    }

    public Task<string?> UpstreamTransactionIdAsync(string chargePointId, string edgeTransactionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_upstreamIds.GetValueOrDefault((chargePointId, edgeTransactionId)));
        }
    }

    public Task<string?> EdgeTransactionIdAsync(string chargePointId, string upstreamTransactionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<string?>(_upstreamIds.FirstOrDefault(p => p.Key.ChargePointId == chargePointId && p.Value == upstreamTransactionId).Key.Edge);
        }
    }
}
