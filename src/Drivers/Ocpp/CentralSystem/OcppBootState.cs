namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>Where a charge point stands with its BootNotification since the edge started.</summary>
public enum OcppBootState
{
    /// <summary>No BootNotification seen yet.</summary>
    None,

    /// <summary>Answered Accepted: the charge point may send anything.</summary>
    Accepted,

    /// <summary>Answered Pending (not configured, "accept new chargers" on).</summary>
    Pending,

    /// <summary>Answered Rejected.</summary>
    Rejected,
}
