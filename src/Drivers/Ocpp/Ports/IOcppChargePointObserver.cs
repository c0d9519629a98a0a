using ChargeNet.Drivers.Ocpp.Control;

namespace ChargeNet.Drivers.Ocpp.Ports;

/// <summary>
/// Told when a charge point is ready for the central system's own calls: after its accepted boot
/// was answered and followed up (keys, limits), and when an accepted one reconnects. The host
/// registers any number (e.g. to bring the charger's local authorization list up to date).
/// </summary>
public interface IOcppChargePointObserver
{
    Task ReadyAsync(IChargePointControl chargePoint, CancellationToken cancellationToken);
}
