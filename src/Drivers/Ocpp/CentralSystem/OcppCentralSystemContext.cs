using ChargeNet.Drivers.Ocpp.Ports;
using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>What the central system's parts share: the daemon's ports, the clock, the options; <paramref name="Costs"/> where the daemon prices sessions.</summary>
public sealed record OcppCentralSystemContext(
    OcppServerOptions Options,
    OcppProtocols Protocols,
    IOcppChargerRegistry Registry,
    IOcppTransactionStore Store,
    IOcppAuthorizer Authorizer,
    IOcppEventSink Events,
    IOcppBootStore Boots,
    IReadOnlyList<IOcppChargePointObserver> Observers,
    TimeProvider Time,
    ILoggerFactory LoggerFactory,
    Upstream.IOcppConnectionRelay? Relay = null,
    IOcppCostSource? Costs = null)
{
    /// <summary>Keeps an accepted boot; a store that fails is logged, and the boot stays accepted for this run.</summary>
    internal async Task KeepBootAsync(OcppBootRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await Boots.SaveAsync(record, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            OcppLog.ChargePointWarning(LoggerFactory.CreateLogger<OcppServer>(), record.ChargePointId, "accepted boot not kept: " + e.Message);
        }
    }

    /// <summary>Tells every observer that the charge point is ready; one that fails is logged and the others still hear of it.</summary>
    internal async Task NotifyReadyAsync(OcppChargePoint chargePoint, CancellationToken cancellationToken)
    {
        if (chargePoint.Control is not { } control)
        {
            return;
        }

        foreach (var observer in Observers)
        {
            try
            {
                await observer.ReadyAsync(control, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                OcppLog.ChargePointWarning(LoggerFactory.CreateLogger<OcppServer>(), chargePoint.Id, $"{observer.GetType().Name} failed: {e.Message}");
            }
        }
    }

    internal async Task PublishAsync(string severity, string chargePointId, string code, string message, CancellationToken cancellationToken)
    {
        try
        {
            await Events.PublishAsync(new OcppEvent(Time.GetUtcNow(), severity, chargePointId, code, message), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An event that cannot be recorded must not stop the charge point's traffic.
            OcppLog.ChargePointWarning(LoggerFactory.CreateLogger<OcppServer>(), chargePointId, "event not recorded: " + e.Message);
        }
    }
}
