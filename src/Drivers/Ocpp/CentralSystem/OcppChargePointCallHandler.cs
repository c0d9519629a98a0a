using ChargeNet.Drivers.Ocpp.Framing;
using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.Rpc;

namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>
/// Routes the CALLs of one charge point to the action handlers of the version it speaks. Until its BootNotification was
/// accepted, every other call is answered SecurityError and not acted on (the rule OCPP 2.0.1
/// B02.FR.09 states and OCPP 1.6 section 4.2 implies); an action that only a central system sends
/// is answered NotSupported.
/// </summary>
public sealed class OcppChargePointCallHandler(
    OcppChargePoint chargePoint,
    IOcppProtocol protocol,
    OcppCentralSystemContext services) : IOcppCallHandler
{
    private const string BootNotification = "BootNotification"; // the same action name in every version

    private bool _bootRequested;

    public async ValueTask<OcppFrame> HandleAsync(OcppCall incoming, OcppAfterReply afterReply, CancellationToken cancellationToken)
    {
        chargePoint.Touch();
        if (!protocol.Handlers.TryGetValue(incoming.Action, out var handler))
        {
            return new OcppCallError(incoming.MessageId, OcppErrorCode.NotSupported, $"{incoming.Action} is sent by a central system, not to one.");
        }

        if (incoming.Action != BootNotification && chargePoint.BootState != OcppBootState.Accepted)
        {
            if (chargePoint.BootState == OcppBootState.None && chargePoint.Registration is not null && !_bootRequested)
            {
                // A configured charger that talks without booting (the edge restarted, the charger did not):
                // its version decides what the edge does about it (1.6 asks for the boot at once).
                _bootRequested = true;
                if (protocol.AfterFirstRefusalBeforeBoot(chargePoint) is { } work)
                {
                    afterReply.Add(work);
                }
            }

            return new OcppCallError(
                incoming.MessageId,
                OcppErrorCode.SecurityError,
                $"{incoming.Action} refused: the BootNotification of {chargePoint.Id} has not been accepted (state {chargePoint.BootState}).");
        }

        return await handler.HandleAsync(new OcppCallContext(chargePoint, incoming, services, afterReply), cancellationToken).ConfigureAwait(false);
    }
}
