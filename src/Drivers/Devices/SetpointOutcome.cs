namespace ChargeNet.Drivers.Devices;

/// <summary>What became of a current limit sent to a charger.</summary>
public enum SetpointOutcome
{
    /// <summary>The charger confirmed the limit.</summary>
    Accepted,

    /// <summary>The charger answered and refused the limit; the limit in force is unknown.</summary>
    Rejected,

    /// <summary>The limit could not be delivered (no connection, timeout, device error).</summary>
    Failed,
}
