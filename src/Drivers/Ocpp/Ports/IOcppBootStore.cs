namespace ChargeNet.Drivers.Ocpp.Ports;

/// <summary>
/// The accepted BootNotification of each charge point, kept across restarts of the edge: a charger
/// that reconnects after the edge restarted (it did not reboot, so it sends no new BootNotification)
/// is accepted at once.
/// </summary>
public interface IOcppBootStore
{
    /// <summary>The last accepted boot of this charge point, or null when none is kept.</summary>
    Task<OcppBootRecord?> FindAsync(string chargePointId, CancellationToken cancellationToken);

    /// <summary>Keeps <paramref name="record"/> in place of the charge point's previous one; it has reached the store when this returns.</summary>
    Task SaveAsync(OcppBootRecord record, CancellationToken cancellationToken);
}
