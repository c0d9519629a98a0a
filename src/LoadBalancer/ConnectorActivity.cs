namespace ChargeNet.LoadBalancer;

/// <summary>
/// What a connector is doing, as the balancer needs to know it. Mirrors the drivers' connector
/// state one to one (the balancer does not reference the drivers).
/// </summary>
public enum ConnectorActivity
{
    /// <summary>No car plugged in.</summary>
    Available,

    /// <summary>A car is plugged in but not charging yet (or finished).</summary>
    CarConnected,

    /// <summary>Energy is flowing.</summary>
    Charging,

    /// <summary>The car paused although current is offered.</summary>
    SuspendedByCar,

    /// <summary>The controller set the limit to 0.</summary>
    SuspendedByController,

    /// <summary>The connector reports an error.</summary>
    Faulted,

    /// <summary>Out of service or unknown.</summary>
    Unavailable,
}
