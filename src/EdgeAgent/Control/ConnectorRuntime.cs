using ChargeNet.Drivers.Devices;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>What the control loop remembers of one connector between cycles.</summary>
internal sealed class ConnectorRuntime
{
    public ConnectorRuntime(string chargerId, int connectorId)
    {
        ChargerId = chargerId;
        ConnectorId = connectorId;
    }

    public string ChargerId { get; }

    public int ConnectorId { get; }

    /// <summary>The last status read, and when.</summary>
    public ConnectorStatus? Status { get; set; }

    /// <summary>The last limit sent; null before the first.</summary>
    public double? SentLimitA { get; set; }

    public DateTimeOffset SentAt { get; set; }

    /// <summary>Whether the charger confirmed <see cref="SentLimitA"/>.</summary>
    public bool Confirmed { get; set; }

    public string? Reason { get; set; }

    /// <summary>True while a setpoint is on its way; no second one is sent meanwhile.</summary>
    public bool SendInFlight { get; set; }

    /// <summary>When a car was first seen on the connector in this session; null while it is free.</summary>
    public DateTimeOffset? OccupiedSince { get; set; }

    /// <summary>The connector's energy counter when the session began.</summary>
    public double EnergyAtStartWh { get; set; }
}
