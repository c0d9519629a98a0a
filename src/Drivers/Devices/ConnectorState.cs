namespace ChargeNet.Drivers.Devices;

/// <summary>The state of one connector, common to OCPP and Modbus chargers.</summary>
public enum ConnectorState
{
    /// <summary>No car plugged in; ready.</summary>
    Available,

    /// <summary>A car is plugged in but not (yet) charging: preparing, authorising, or finished.</summary>
    CarConnected,

    /// <summary>Energy is flowing.</summary>
    Charging,

    /// <summary>The car paused (full, or its own schedule) although current is offered.</summary>
    SuspendedByCar,

    /// <summary>The charger offers no current because the controller (we) set the limit to 0.</summary>
    SuspendedByController,

    /// <summary>The connector reports an error.</summary>
    Faulted,

    /// <summary>Out of service, or its state is not known.</summary>
    Unavailable,
}
