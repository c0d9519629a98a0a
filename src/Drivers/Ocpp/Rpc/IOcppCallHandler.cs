using ChargeNet.Drivers.Ocpp.Framing;

namespace ChargeNet.Drivers.Ocpp.Rpc;

/// <summary>
/// Answers the CALLs that arrive on one connection, after the RPC layer has checked the frame and
/// validated the payload against its schema. Returns the CALLRESULT or CALLERROR to send.
/// </summary>
public interface IOcppCallHandler
{
    /// <summary>Handles one call; <paramref name="afterReply"/> collects work to start once the reply is sent.</summary>
    ValueTask<OcppFrame> HandleAsync(OcppCall incoming, OcppAfterReply afterReply, CancellationToken cancellationToken);
}
