using ChargeNet.Drivers.Devices;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// The one mapping from what a charger reports to what the balancer needs (the balancer does not
/// know the drivers). A state this mapping does not know is treated as unknown: a car may be there.
/// </summary>
internal static class ActivityMapping
{
    public static ConnectorActivity Of(ConnectorState state) => state switch
    {
        ConnectorState.Available => ConnectorActivity.Available,
        ConnectorState.CarConnected => ConnectorActivity.CarConnected,
        ConnectorState.Charging => ConnectorActivity.Charging,
        ConnectorState.SuspendedByCar => ConnectorActivity.SuspendedByCar,
        ConnectorState.SuspendedByController => ConnectorActivity.SuspendedByController,
        ConnectorState.Faulted => ConnectorActivity.Faulted,
        ConnectorState.Unavailable => ConnectorActivity.Unavailable,

        // Unknown is never zero: counted as a car that may be charging.
        _ => ConnectorActivity.Charging,
    };
}
