using ChargeNet.Drivers.Ocpp.Handlers;
using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Drivers.Ocpp.V16.Handlers;

/// <summary>DataTransfer: the edge has no vendor extensions, so it answers UnknownVendorId (OCPP 1.6, section 4.3).</summary>
public sealed class DataTransferHandler()
    : OcppActionHandler<DataTransferRequest, DataTransferResponse>(OcppAction.DataTransfer, OcppJsonContext.Default.DataTransferRequest, OcppJsonContext.Default.DataTransferResponse)
{
    protected override Task<DataTransferResponse> HandleAsync(OcppCallContext context, DataTransferRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new DataTransferResponse("UnknownVendorId"));
}
