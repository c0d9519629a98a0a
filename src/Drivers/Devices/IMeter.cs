namespace ChargeNet.Drivers.Devices;

/// <summary>A meter that gives per-phase readings (the grid connection, a sub-circuit).</summary>
public interface IMeter
{
    /// <summary>The meter's id in the site configuration.</summary>
    string Id { get; }

    /// <summary>Reads the meter once. Throws <see cref="DeviceException"/> when the device cannot be read.</summary>
    Task<MeterReading> ReadAsync(CancellationToken cancellationToken);
}
