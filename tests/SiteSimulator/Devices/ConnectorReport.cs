using ChargeNet.Drivers.Devices;

namespace ChargeNet.SiteSimulator;

/// <summary>How the simulated chargers turn a connector's truth into what their driver would report.</summary>
internal static class ConnectorReport
{
    /// <summary>The current per charger phase; without phases, the driver puts the one value on L1.</summary>
    public static PhaseValues CurrentA(SimConnector connector, bool perPhase, bool impossible)
    {
        var current = perPhase ? connector.ChargerPhaseA : new PhaseValues(connector.ChargerPhaseA.L1, 0, 0);
        return impossible && connector.Car is not null ? current with { L2 = double.NaN } : current;
    }

    public static double EnergyWh(SimConnector connector, bool impossible) => impossible ? 1e308 : connector.EnergyWh;
}
