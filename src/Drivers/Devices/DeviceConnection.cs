namespace ChargeNet.Drivers.Devices;

/// <summary>How well a device is answering.</summary>
public enum DeviceConnection
{
    /// <summary>Not yet tried.</summary>
    Unknown,

    /// <summary>Answering normally.</summary>
    Connected,

    /// <summary>Answering, but with errors, retries or stale values.</summary>
    Degraded,

    /// <summary>Not answering.</summary>
    Lost,
}
