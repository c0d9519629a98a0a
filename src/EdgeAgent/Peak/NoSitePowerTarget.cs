using ChargeNet.Drivers.Devices;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Peak;

/// <summary>No peak target: the snapshot is allocated as the loop built it.</summary>
public sealed class NoSitePowerTarget : ISitePowerTarget
{
    public static NoSitePowerTarget Instance { get; } = new();

    public PeakView? View => null;

    public ValueTask<SiteSnapshot> ApplyAsync(SiteSnapshot snapshot, MeterReading? gridReading, bool gridStale, CancellationToken cancellationToken) =>
        ValueTask.FromResult(snapshot);
}
