using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Drivers.Ocpp.Ports;

/// <summary>
/// A thread-safe in-memory <see cref="IOcppTransactionStore"/> for tests and demo runs without a
/// data directory. Transaction ids start at <c>firstTransactionId</c> and only grow.
/// </summary>
public sealed class InMemoryOcppTransactionStore(int firstTransactionId = 1) : IOcppTransactionStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _startsByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<int, OcppTransactionStart> _starts = [];
    private readonly HashSet<string> _meterKeys = new(StringComparer.Ordinal);
    private readonly List<OcppMeterValuesRecord> _meterValues = [];
    private readonly Dictionary<string, OcppSession> _sessionsByKey = new(StringComparer.Ordinal);
    private readonly List<OcppSession> _sessions = [];
    private int _nextTransactionId = firstTransactionId;

    /// <summary>Every finished session, in the order recorded.</summary>
    public IReadOnlyList<OcppSession> Sessions
    {
        get
        {
            lock (_lock)
            {
                return [.. _sessions];
            }
        }
    }

    /// <summary>Every started transaction by id.</summary>
    public IReadOnlyDictionary<int, OcppTransactionStart> Starts
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<int, OcppTransactionStart>(_starts);
            }
        }
    }

    /// <summary>Every MeterValues message recorded, once each.</summary>
    public IReadOnlyList<OcppMeterValuesRecord> MeterValues
    {
        get
        {
            lock (_lock)
            {
                return [.. _meterValues];
            }
        }
    }

    public Task<int> StartTransactionAsync(OcppTransactionStart start, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_startsByKey.TryGetValue(start.IdempotencyKey, out var id))
            {
                id = _nextTransactionId++;
                _startsByKey[start.IdempotencyKey] = id;
                _starts[id] = start;
            }

            return Task.FromResult(id);
        }
    }

    public Task<string?> FindTransactionOwnerAsync(int transactionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_starts.GetValueOrDefault(transactionId)?.ChargePointId);
        }
    }

    public Task<int?> FindStartConnectorAsync(int transactionId, string chargePointId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_starts.GetValueOrDefault(transactionId) is { } start && start.ChargePointId == chargePointId ? start.ConnectorId : (int?)null);
        }
    }

    public Task RecordMeterValuesAsync(OcppMeterValuesRecord meterValues, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_meterKeys.Add(meterValues.IdempotencyKey))
            {
                _meterValues.Add(meterValues);
            }
        }

        return Task.CompletedTask;
    }

    public Task<OcppStopResult> StopTransactionAsync(OcppTransactionStop stopped, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_sessionsByKey.TryGetValue(stopped.IdempotencyKey, out var known))
            {
                return Task.FromResult(new OcppStopResult(known, false));
            }

            var start = _starts.GetValueOrDefault(stopped.TransactionId) is { } started && started.ChargePointId == stopped.ChargePointId ? started : null;
            var session = OcppSessionBuilder.Build(stopped, start);
            _sessionsByKey[stopped.IdempotencyKey] = session;
            _sessions.Add(session);
            return Task.FromResult(new OcppStopResult(session, true));
        }
    }
}
