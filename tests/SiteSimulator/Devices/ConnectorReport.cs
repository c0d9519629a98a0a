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

    /// <summary>
    /// A StatusNotification: the state now, with the currents of the MeterValues that came before it, if any, else none ever
    /// measured (as the driver has it: as old as can be) — it carries no currents of its own.
    /// </summary>
    public static ConnectorStatus StatusNotification(ConnectorStatus? last, SimConnector connector, bool perPhase, DateTimeOffset now) =>
        (last ?? new ConnectorStatus(connector.ConnectorId, connector.State, PhaseValues.Zero, 0, null, now, perPhase)) with
        {
            State = connector.State,
            Timestamp = now,
            CurrentsMeasuredAt = last?.CurrentsAt ?? DateTimeOffset.MinValue,
        };
}
