using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Simulation.Ocpp;

/// <summary>Log messages of the simulated charge points.</summary>
internal static partial class OcppSimulationLog
{
    [LoggerMessage(1, LogLevel.Information, "Simulated charge point {ChargePointId}: connection ended: {Reason}")]
    public static partial void ConnectionEnded(ILogger logger, string chargePointId, string reason);
}
