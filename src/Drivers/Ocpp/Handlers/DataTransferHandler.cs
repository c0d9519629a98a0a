using ChargeNet.Drivers.Ocpp.Messages;

namespace ChargeNet.Drivers.Ocpp.Handlers;

/// <summary>DataTransfer: the edge has no vendor extensions, so it answers UnknownVendorId (OCPP 1.6, section 4.3).</summary>
public sealed class DataTransferHandler()
    : OcppActionHandler<DataTransferRequest, DataTransferResponse>(OcppAction.DataTransfer, OcppJsonContext.Default.DataTransferRequest, OcppJsonContext.Default.DataTransferResponse)
{
    protected override Task<DataTransferResponse> HandleAsync(OcppCallContext context, DataTransferRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new DataTransferResponse("UnknownVendorId"));
}
