using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Drivers.Ocpp.V16.Handlers;

/// <summary>Heartbeat: answers with the edge's clock.</summary>
public sealed class HeartbeatHandler()
    : OcppActionHandler<HeartbeatRequest, HeartbeatResponse>(OcppAction.Heartbeat, OcppJsonContext.Default.HeartbeatRequest, OcppJsonContext.Default.HeartbeatResponse)
{
    protected override Task<HeartbeatResponse> HandleAsync(OcppCallContext context, HeartbeatRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new HeartbeatResponse(context.Now));
}
