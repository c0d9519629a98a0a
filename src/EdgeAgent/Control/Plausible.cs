using ChargeNet.Drivers.Devices;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// The loop's last guard against values no device can give (docs/security.md, docs/devices.md "Values
/// that cannot be"): the drivers refuse them first, by the same <see cref="PhysicalBounds"/>; whatever
/// still arrives (another driver, a simulated device) is treated as unknown, never as a number.
/// </summary>
internal static class Plausible
{
    /// <summary>Whether a meter's per-phase currents can be.</summary>
    public static bool MeterCurrents(PhaseValues currentA) => All(PhysicalQuantity.MeterCurrent, currentA);

    /// <summary>Whether a charger's report (its per-phase currents and its energy counter) can be.</summary>
    public static bool ChargerReport(ConnectorStatus status) =>
        All(PhysicalQuantity.ChargerCurrent, status.CurrentA) && PhysicalBounds.IsPossible(PhysicalQuantity.Energy, status.EnergyWh);

    private static bool All(PhysicalQuantity quantity, PhaseValues values) =>
        PhysicalBounds.IsPossible(quantity, values.L1) && PhysicalBounds.IsPossible(quantity, values.L2) && PhysicalBounds.IsPossible(quantity, values.L3);
}
