using ChargeNet.Drivers.Devices;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// The loop's last guard against values no device can give (docs/security.md, docs/control-loop.md):
/// the drivers refuse them first; whatever still arrives is treated as unknown, never as a number.
/// </summary>
internal static class Plausible
{
    /// <summary>The largest current per phase any meter or charger on a site reports (a 4,000 A main fuse with room).</summary>
    public const double MaxCurrentA = 10_000;

    public static bool Currents(PhaseValues currentA) => Current(currentA.L1) && Current(currentA.L2) && Current(currentA.L3);

    // Negative: a site that exports (solar) through a signed meter.
    private static bool Current(double a) => double.IsFinite(a) && a is > -MaxCurrentA and < MaxCurrentA;
}
