namespace ChargeNet.Drivers.Devices;

/// <summary>
/// A charger whose driver sends one call at a time (OCPP, one call per charge point): a limit asked for may wait
/// behind another call to the same charger, unsent, until that call ends. The control loop counts a decrease
/// waiting so as not yet on its way (docs/control-loop-sessions.md, Session 14, "A cut queued behind an unanswered call").
/// </summary>
public interface IHasQueuedLimits
{
    /// <summary>A limit asked for this connector waits behind another call to the charger and has not been sent.</summary>
    bool IsLimitQueued(int connectorId);
}
