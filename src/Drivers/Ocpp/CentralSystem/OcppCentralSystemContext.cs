using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.Validation;
using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>What the central system's parts share: the daemon's ports, the clock, the options.</summary>
public sealed record OcppCentralSystemContext(
    OcppServerOptions Options,
    OcppSchemaValidator Validator,
    IOcppChargerRegistry Registry,
    IOcppTransactionStore Store,
    IOcppAuthorizer Authorizer,
    IOcppEventSink Events,
    TimeProvider Time,
    ILoggerFactory LoggerFactory)
{
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
