using ChargeNet.Drivers.Devices;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Peak;

/// <summary>
/// The control loop's one hook for the site's own bill (docs/load-balancing.md, "Peak target" and
/// "Cheap hours"): asked once per cycle, before the allocation, with the grid meter's reading; it
/// answers with the snapshot to allocate, its peak target set (<see cref="SiteConstraints.SitePowerTargetKw"/>)
/// and the cars that wait for cheaper quarter-hours marked (<see cref="ConnectorInput.WaitsForCheaperEnergy"/>).
/// It only ever adds those economic limits, which only lower: the fuse, the circuit limits, the
/// fallback and the failsafes stay the balancer's and always win.
/// </summary>
public interface ISitePowerTarget
{
    /// <summary>What the site's bill looks like after the last cycle; null without a power tariff.</summary>
    PeakView? View { get; }

    /// <param name="snapshot">The cycle's snapshot as the loop built it.</param>
    /// <param name="gridReading">The grid meter's latest reading (null: none yet).</param>
    /// <param name="gridStale">Whether that reading is too old to act on.</param>
    ValueTask<SiteSnapshot> ApplyAsync(SiteSnapshot snapshot, MeterReading? gridReading, bool gridStale, CancellationToken cancellationToken);
}
