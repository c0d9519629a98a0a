using System.Collections.Concurrent;
using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Devices;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// The circuits' own meters (<c>circuits[].meter</c>): read with the grid meter, each judged by the same
/// rule (<see cref="MeterWatch"/>: no reading, one older than <c>grid.meterTimeoutS</c>, or frozen
/// that long is unknown). A circuit whose meter is unknown is counted by the balancer at the most its load
/// nobody controls was seen to be, or at its whole limit when never seen (docs/control-loop.md, "Circuit meters").
/// </summary>
internal sealed class CircuitMeterWatches
{
    private readonly ConcurrentDictionary<string, MeterWatch> _watches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task> _reads = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The watch of one meter (created empty, that is unknown, when first asked for).</summary>
    public MeterWatch Of(string meterId) => _watches.GetOrAdd(meterId, _ => new MeterWatch());

    /// <summary>
    /// Starts a read of every meter in <paramref name="meterIds"/> at once, but of none whose last read is still out: a
    /// meter slow to answer is not asked twice at once. Each failure is recorded against its own meter. Returns the reads
    /// started, for a caller that waits for them.
    /// </summary>
    public Task StartReads(IEnumerable<string> meterIds, DeviceSet devices, TimeProvider time, TimeSpan readTimeout, CancellationToken cancellationToken)
    {
        List<Task>? started = null;
        lock (_lock)
        {
            foreach (var meterId in meterIds.Distinct(StringComparer.Ordinal))
            {
                if (_reads.TryGetValue(meterId, out var pending) && !pending.IsCompleted)
                {
                    continue;
                }

                var read = PollOneAsync(meterId, devices, time, readTimeout, cancellationToken);
                _reads[meterId] = read;
                (started ??= []).Add(read);
            }
        }

        return started is null ? Task.CompletedTask : Task.WhenAll(started);
    }

    private async Task PollOneAsync(string meterId, DeviceSet devices, TimeProvider time, TimeSpan readTimeout, CancellationToken cancellationToken)
    {
        var watch = Of(meterId);
        if (!devices.Meters.TryGetValue(meterId, out var meter))
        {
            watch.RecordFailure("no such meter device");
            return;
        }

        await watch.ReadAsync(meter, time, readTimeout, cancellationToken).ConfigureAwait(false);
    }
}
