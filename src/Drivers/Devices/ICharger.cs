namespace ChargeNet.Drivers.Devices;

/// <summary>
/// A charger, whatever protocol it speaks. Drivers report and obey; the control loop decides.
/// </summary>
public interface ICharger
{
    /// <summary>The charger's id in the site configuration.</summary>
    string Id { get; }

    /// <summary>
    /// The charger's current status. A polled charger (Modbus) reads the device; a pushing charger
    /// (OCPP) returns what it last reported. Throws <see cref="DeviceException"/> when it cannot be read.
    /// </summary>
    Task<ChargerStatus> ReadStatusAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Sets the current a connector may offer, in amperes per phase; 0 pauses charging.
    /// Never throws for a device problem: the outcome says what happened.
    /// </summary>
    Task<SetpointResult> SetCurrentLimitAsync(int connectorId, double limitA, CancellationToken cancellationToken);
}
