namespace ChargeNet.Drivers.Devices;

/// <summary>
/// A charger whose driver can end the charging session on a connector — OCPP 1.6 RemoteStopTransaction (section 5.12; messages
/// 6.35 and 6.36), OCPP 2.0.1 RequestStopTransaction (F03). The control loop asks for it only as a last resort, for a
/// car whose charger keeps refusing (or leaves unanswered) its pause on a phase that nothing else can bring under its limit
/// (docs/control-loop-sessions.md, Session 20, "A session ended as a last resort"). A Modbus wallbox has no session the edge can end:
/// its drivers do not implement this.
/// </summary>
public interface IHasSessionStop
{
    /// <summary>
    /// Asks the charger to end the session running on <paramref name="connectorId"/>. Accepted: the charger said it will stop it
    /// (it then stops offering current and reports the transaction's end); Rejected: it refused, or no session runs there;
    /// Failed: the request did not get an answer. Never throws for a device problem.
    /// </summary>
    Task<SessionStopResult> StopSessionAsync(int connectorId, CancellationToken cancellationToken);
}
