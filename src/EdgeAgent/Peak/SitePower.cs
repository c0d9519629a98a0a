using ChargeNet.Drivers.Devices;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Peak;

/// <summary>The site's power as the peak target counts it (docs/load-balancing.md, "The peak target in the daemon").</summary>
internal static class SitePower
{
    /// <summary>
    /// The power the site draws from the grid (W): the meter's total, or its phases' currents times
    /// voltages when it gives none; export counts as 0, as operators bill what is taken.
    /// </summary>
    public static double? MeasuredW(MeterReading reading)
    {
        var w = double.IsFinite(reading.TotalPowerW)
            ? reading.TotalPowerW
            : (reading.CurrentA.L1 * reading.VoltageV.L1) + (reading.CurrentA.L2 * reading.VoltageV.L2) + (reading.CurrentA.L3 * reading.VoltageV.L3);
        return double.IsFinite(w) ? Math.Max(0, w) : null;
    }

    /// <summary>What the cars draw now (W), at the low end of each estimate: the rest of the site's power is load nobody controls.</summary>
    public static double CarsW(SiteSnapshot snapshot)
    {
        var a = 0.0;
        foreach (var connector in snapshot.Connectors)
        {
            a += connector.MeasuredCurrentA.L1A + connector.MeasuredCurrentA.L2A + connector.MeasuredCurrentA.L3A;
        }

        return a * snapshot.Settings.NominalVoltageV;
    }

    /// <summary>
    /// An estimate of what the site would draw now without the peak target (W): the load nobody
    /// controls, each car that draws all it is offered (or is paused by the controller) at its
    /// charger's maximum on the phases it draws on, every other car at what it draws.
    /// </summary>
    public static double UncontrolledW(SiteSnapshot snapshot, double baseW)
    {
        var a = 0.0;
        foreach (var c in snapshot.Connectors)
        {
            var drawn = c.MeasuredCurrentA;
            var drawnA = drawn.L1A + drawn.L2A + drawn.L3A;
            var held = c.Activity == ConnectorActivity.SuspendedByController
                || (c.Activity is ConnectorActivity.Charging or ConnectorActivity.CarConnected && drawn.MaxA >= c.LastLimitA - 1);
            if (!held)
            {
                a += drawnA;
                continue;
            }

            var phases = (drawn.L1A > 1 ? 1 : 0) + (drawn.L2A > 1 ? 1 : 0) + (drawn.L3A > 1 ? 1 : 0);
            a += Math.Max(drawnA, c.MaxCurrentA * (phases == 0 ? c.WiredPhases : phases));
        }

        return Math.Max(0, baseW) + (a * snapshot.Settings.NominalVoltageV);
    }

    /// <summary>The most the grid connection allows (W): its per-phase limit less the safety margin, on each of its phases.</summary>
    public static double CeilingW(SiteSnapshot snapshot, int gridPhases)
    {
        var grid = snapshot.Nodes[0].MaxCurrentA;
        var a = 0.0;
        for (var p = 0; p < Math.Clamp(gridPhases, 1, 3); p++)
        {
            a += Math.Max(0, grid[p] - snapshot.Settings.SafetyMarginA);
        }

        return a * snapshot.Settings.NominalVoltageV;
    }
}
