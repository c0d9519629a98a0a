namespace ChargeNet.Drivers.Ocpp.V201;

/// <summary>
/// The edge's requests to one station whose answer comes in parts — GetChargingProfiles answered by ReportChargingProfiles (K09),
/// GetReport by NotifyReport (B08): each request id gathers its parts' items until one without <c>tbc</c>, then the waiting caller
/// gets them all. A request is registered before its call goes out, so a part that comes right after the answer is not lost; at
/// most <paramref name="maxItems"/> are kept, so a station that never ends a report does not grow it. Thread-safe.
/// </summary>
public sealed class Ocpp201Reports<TItem>(int maxItems)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, Pending> _pending = [];

    /// <summary>Starts waiting for the report of <paramref name="requestId"/>; <see cref="Forget"/> it when the call fails.</summary>
    public Task<IReadOnlyList<TItem>> Expect(int requestId)
    {
        var pending = new Pending();
        lock (_lock)
        {
            _pending[requestId] = pending;
        }

        return pending.Done.Task;
    }

    public void Forget(int requestId)
    {
        lock (_lock)
        {
            _pending.Remove(requestId);
        }
    }

    /// <summary>Adds one part's items; false when no request is waiting for it (an unasked or late report, answered all the same).</summary>
    public bool Add(int requestId, IEnumerable<TItem> items, bool? tbc)
    {
        ArgumentNullException.ThrowIfNull(items);
        Pending? finished = null;
        lock (_lock)
        {
            if (!_pending.TryGetValue(requestId, out var pending))
            {
                return false;
            }

            pending.Items.AddRange(items.Take(maxItems - pending.Items.Count));
            if (tbc != true)
            {
                _pending.Remove(requestId);
                finished = pending;
            }
        }

        finished?.Done.TrySetResult(finished.Items);
        return true;
    }

    private sealed class Pending
    {
        public List<TItem> Items { get; } = [];

        public TaskCompletionSource<IReadOnlyList<TItem>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
