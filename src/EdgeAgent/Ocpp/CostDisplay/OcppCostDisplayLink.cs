using System.Collections.Concurrent;
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
    // What each charger reported, with the incarnation it reported on: asked once per connection and
    // boot (a charger may have been replaced or reconfigured meanwhile), not at every session.
    private readonly ConcurrentDictionary<string, (long Incarnation, bool Displays)> _reported = new(StringComparer.Ordinal);

    /// <summary>True when the charger is connected over OCPP 1.6 and says it displays cost and price (asked once per connection).</summary>
    public async Task<bool> DisplaysCostAsync(string chargerId, CancellationToken cancellationToken)
    {
        var chargePoint = ChargePoint(chargerId);
        if (!chargePoint.IsConnected || chargePoint.Protocol?.Version != OcppVersion.V16)
        {
            return false;
        }

        var incarnation = chargePoint.Incarnation;
        if (_reported.TryGetValue(chargerId, out var known) && known.Incarnation == incarnation)
        {
            return known.Displays;
        }

        var answer = await chargePoint.GetConfigurationAsync([CaliforniaPricingMessages.CapabilityKey], cancellationToken).ConfigureAwait(false);
        var displays = answer.ConfigurationKey?.Any(k => k.Key == CaliforniaPricingMessages.CapabilityKey
            && string.Equals(k.Value?.Trim(), "true", StringComparison.OrdinalIgnoreCase)) == true;
        _reported[chargerId] = (incarnation, displays);
        return displays;
    }

    /// <summary>What the charger reported on its live connection, without asking: false when it was not asked yet.</summary>
    public bool KnownToDisplayCost(string chargerId) =>
        _reported.TryGetValue(chargerId, out var known) && known.Displays && known.Incarnation == ChargePoint(chargerId).Incarnation;

    /// <summary>Sends one message; returns the charger's status (Accepted, Rejected, UnknownMessageId, UnknownVendorId).</summary>
    public async Task<string> SendAsync(CostDisplayMessage message, CancellationToken cancellationToken)
    {
        var answer = await ChargePoint(message.ChargerId).DataTransferAsync(CaliforniaPricingMessages.VendorId, message.MessageId, message.Data, cancellationToken).ConfigureAwait(false);
        return answer.Status;
    }

    private OcppChargePoint ChargePoint(string chargerId) => services.GetRequiredService<OcppServer>().GetChargePoint(chargerId);
}
