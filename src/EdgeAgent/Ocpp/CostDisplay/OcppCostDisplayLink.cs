using System.Collections.Concurrent;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.V16;
using Microsoft.Extensions.DependencyInjection;

namespace ChargeNet.EdgeAgent.Ocpp.CostDisplay;

/// <summary>
/// The OCPP side of the price on the charger's display: whether a connected charger shows prices (an
/// OCPP 1.6 charger whose <c>CustomDisplayCostAndPrice</c> reads true; a 2.0.1 station whose base report has
/// the TariffCostCtrlr's cost available and enabled), and sending it a message (1.6 a DataTransfer, 2.0.1
/// CostUpdated). The central system is looked up when first needed (it is built after this).
/// </summary>
public sealed class OcppCostDisplayLink(IServiceProvider services)
{
    // What each charger reported, with the incarnation it reported on: asked once per connection and
    // boot (a charger may have been replaced or reconfigured meanwhile), not at every session.
    private readonly ConcurrentDictionary<string, (long Incarnation, bool Displays)> _reported = new(StringComparer.Ordinal);

    /// <summary>True when the charger is connected and says it displays cost: 1.6 asked once per connection, 2.0.1 as its base report said.</summary>
    public async Task<bool> DisplaysCostAsync(string chargerId, CancellationToken cancellationToken)
    {
        var chargePoint = ChargePoint(chargerId);
        if (!chargePoint.IsConnected)
        {
            return false;
        }

        if (chargePoint.Protocol?.Version != OcppVersion.V16)
        {
            return chargePoint.Control?.DisplaysCost == true; // what it reported, nothing to ask
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
    public bool KnownToDisplayCost(string chargerId)
    {
        var chargePoint = ChargePoint(chargerId);
        return chargePoint.Protocol?.Version == OcppVersion.V16
            ? _reported.TryGetValue(chargerId, out var known) && known.Displays && known.Incarnation == chargePoint.Incarnation
            : chargePoint.IsConnected && chargePoint.Control?.DisplaysCost == true;
    }

    /// <summary>
    /// Sends a 2.0.1 station a transaction's running total (CostUpdated) while the station's connector still has that transaction
    /// (one ending now gets its final cost with its Ended's answer); false when not sent.
    /// </summary>
    public Task<bool> SendRunningTotalAsync(string chargerId, int connectorId, string transactionId, decimal total, CancellationToken cancellationToken) =>
        ChargePoint(chargerId).Control is { } control && control.TransactionOn(connectorId) == transactionId
            ? control.ShowRunningCostAsync(transactionId, total, cancellationToken)
            : Task.FromResult(false);

    /// <summary>Sends one message; returns the charger's status (Accepted, Rejected, UnknownMessageId, UnknownVendorId).</summary>
    public async Task<string> SendAsync(CostDisplayMessage message, CancellationToken cancellationToken)
    {
        var answer = await ChargePoint(message.ChargerId).DataTransferAsync(CaliforniaPricingMessages.VendorId, message.MessageId, message.Data, cancellationToken).ConfigureAwait(false);
        return answer.Status;
    }

    private OcppChargePoint ChargePoint(string chargerId) => services.GetRequiredService<OcppServer>().GetChargePoint(chargerId);
}
