using ChargeNet.Drivers.Devices;

namespace ChargeNet.Drivers.Simulation;

/// <summary>
/// The electrical side of one simulated connector: a socket, and the car plugged into it (if any)
/// with its own physics. Protocol simulators (a simulated Modbus charger, a simulated OCPP charge
/// point) read it to answer as a real charger would, and set <see cref="OfferedA"/> when the
/// controller sends them a limit. It knows no protocol.
/// </summary>
public interface ISimulatedOutlet
{
    /// <summary>The connector's state as a real charger would report it.</summary>
    ConnectorState State { get; }

    /// <summary>What the car draws now, per charger phase (before phase rotation).</summary>
    PhaseValues CurrentA { get; }

    /// <summary>The outlet's energy counter in watt-hours (never decreases).</summary>
    double EnergyWh { get; }

    /// <summary>The idTag of the car plugged in, null when none.</summary>
    string? IdTag { get; }

    /// <summary>The current per phase the charger offers the car (the pilot); set by the protocol simulator.</summary>
    double OfferedA { get; set; }
}
