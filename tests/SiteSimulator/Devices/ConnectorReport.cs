using ChargeNet.Drivers.Devices;

namespace ChargeNet.SiteSimulator;

/// <summary>How the simulated chargers turn a connector's truth into what their driver would report.</summary>
internal static class ConnectorReport
{
    /// <summary>
    /// The current per charger phase; without phases (an OCPP Current.Import with no phase), the driver puts
    /// the one value on every phase and marks the phases unknown (ConnectorStatus.PhasesKnown), as
    /// src/Drivers/Ocpp/V16/OcppSampleReader does.
    /// </summary>
    public static PhaseValues CurrentA(SimConnector connector, bool perPhase, bool impossible)
    {
        var drawA = connector.ChargerPhaseA.L1;
        var current = perPhase ? connector.ChargerPhaseA : new PhaseValues(drawA, drawA, drawA);
        return impossible && connector.Car is not null ? current with { L2 = double.NaN } : current;
    }

    public static double EnergyWh(SimConnector connector, bool impossible) => impossible ? 1e308 : connector.EnergyWh;
}
