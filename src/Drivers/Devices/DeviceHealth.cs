namespace ChargeNet.Drivers.Devices;

/// <summary>A device's health, for the control loop, the page and the cloud.</summary>
/// <param name="Connection">Connected, degraded or lost.</param>
/// <param name="LastSuccessAt">When the device last answered well.</param>
/// <param name="LastError">The last error, in words; never a secret.</param>
/// <param name="LastErrorAt">When the last error happened.</param>
public sealed record DeviceHealth(
    DeviceConnection Connection,
    DateTimeOffset? LastSuccessAt,
    string? LastError,
    DateTimeOffset? LastErrorAt)
{
    public static DeviceHealth Unknown { get; } = new(DeviceConnection.Unknown, null, null, null);
}
