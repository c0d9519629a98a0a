namespace ChargeNet.Drivers.Ocpp.Ports;

/// <summary>
/// The charge points the site configuration lists (the daemon answers from its configuration;
/// an in-memory one in tests). Asked at every WebSocket upgrade and BootNotification, so a
/// configuration change applies to the next connection without a restart.
/// </summary>
public interface IOcppChargerRegistry
{
    /// <summary>The registration of a configured charge point, or null when the configuration does not list it.</summary>
    Task<OcppChargerRegistration?> FindAsync(string chargePointId, CancellationToken cancellationToken);

    /// <summary>Whether a charge point the configuration does not list is admitted as pending ("accept new chargers").</summary>
    Task<bool> AcceptsNewChargersAsync(CancellationToken cancellationToken);

    /// <summary>Notes a charge point that connected or booted without being configured, for the installer to see.</summary>
    Task RecordPendingAsync(OcppPendingCharger charger, CancellationToken cancellationToken);
}
