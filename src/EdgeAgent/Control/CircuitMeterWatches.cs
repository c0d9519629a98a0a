using System.Collections.Concurrent;
using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Devices;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// The circuits' own meters (<c>circuits[].meter</c>): read with the grid meter, each judged by the same
/// rule (<see cref="GridMeterWatch"/>: no reading, one older than <c>grid.meterTimeoutS</c>, or frozen
/// that long is unknown). A circuit whose meter is unknown is counted by the balancer at the most its load
/// nobody controls was seen to be, or at its whole limit when never seen (docs/control-loop.md, "Circuit meters").
/// </summary>
internal sealed class CircuitMeterWatches
{
    private readonly ConcurrentDictionary<string, GridMeterWatch> _watches = new(StringComparer.Ordinal);

    /// <summary>The watch of one meter (created empty, that is unknown, when first asked for).</summary>
    public GridMeterWatch Of(string meterId) => _watches.GetOrAdd(meterId, _ => new GridMeterWatch());

    /// <summary>Reads every meter in <paramref name="meterIds"/> at once; each failure is recorded against its own meter.</summary>
    public Task PollAsync(IEnumerable<string> meterIds, DeviceSet devices, TimeProvider time, TimeSpan readTimeout, CancellationToken cancellationToken) =>
        Task.WhenAll(meterIds.Distinct(StringComparer.Ordinal).Select(id => PollOneAsync(id, devices, time, readTimeout, cancellationToken)));

    /// <summary>
    /// One read of <paramref name="meter"/> into <paramref name="watch"/>: its reading, or what went wrong
    /// (a device error, no answer within <paramref name="readTimeout"/>). Returns whether a reading came.
    /// </summary>
    public static async Task<bool> ReadIntoAsync(IMeter meter, GridMeterWatch watch, TimeProvider time, TimeSpan readTimeout, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(readTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            watch.Record(await meter.ReadAsync(linked.Token).ConfigureAwait(false));
            return true;
        }
        catch (Exception ex) when (ex is DeviceException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            watch.RecordFailure(ex is DeviceException ? ex.Message : "no answer within the read timeout");
            return false;
        }
    }

    private async Task PollOneAsync(string meterId, DeviceSet devices, TimeProvider time, TimeSpan readTimeout, CancellationToken cancellationToken)
    {
        var watch = Of(meterId);
        if (!devices.Meters.TryGetValue(meterId, out var meter))
        {
            watch.RecordFailure("no such meter device");
            return;
        }

        await ReadIntoAsync(meter, watch, time, readTimeout, cancellationToken).ConfigureAwait(false);
    }
}
