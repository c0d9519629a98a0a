using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Ocpp.V201.Handlers;

/// <summary>Heartbeat (OCPP 2.0.1, G02): answers with the edge's clock.</summary>
public sealed class HeartbeatHandler()
    : OcppActionHandler<HeartbeatRequest, HeartbeatResponse>(Ocpp201Action.Heartbeat, Ocpp201JsonContext.Default.HeartbeatRequest, Ocpp201JsonContext.Default.HeartbeatResponse)
{
    protected override Task<HeartbeatResponse> HandleAsync(OcppCallContext context, HeartbeatRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new HeartbeatResponse(context.Now));
}
