using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.V16;
using Microsoft.Extensions.DependencyInjection;

namespace ChargeNet.EdgeAgent.Ocpp.CostDisplay;

/// <summary>
/// The OCPP side of the price on the charger's display: whether a connected charger shows prices (an
/// OCPP 1.6 charger whose <c>CustomDisplayCostAndPrice</c> reads true), and sending it a message as a
/// DataTransfer. The central system is looked up when first needed (it is built after this).
/// </summary>
public sealed class OcppCostDisplayLink(IServiceProvider services)
{
    /// <summary>True when the charger is connected over OCPP 1.6 and says it displays cost and price.</summary>
    public async Task<bool> DisplaysCostAsync(string chargerId, CancellationToken cancellationToken)
    {
        var chargePoint = services.GetRequiredService<OcppServer>().GetChargePoint(chargerId);
        if (!chargePoint.IsConnected || chargePoint.Protocol?.Version != OcppVersion.V16)
        {
            return false;
        }

        var answer = await chargePoint.GetConfigurationAsync([CaliforniaPricingMessages.CapabilityKey], cancellationToken).ConfigureAwait(false);
        return answer.ConfigurationKey?.Any(k => k.Key == CaliforniaPricingMessages.CapabilityKey
            && string.Equals(k.Value?.Trim(), "true", StringComparison.OrdinalIgnoreCase)) == true;
    }

    /// <summary>Sends one message; returns the charger's status (Accepted, Rejected, UnknownMessageId, UnknownVendorId).</summary>
    public async Task<string> SendAsync(CostDisplayMessage message, CancellationToken cancellationToken)
    {
        var chargePoint = services.GetRequiredService<OcppServer>().GetChargePoint(message.ChargerId);
        var answer = await chargePoint.DataTransferAsync(CaliforniaPricingMessages.VendorId, message.MessageId, message.Data, cancellationToken).ConfigureAwait(false);
        return answer.Status;
    }
}
