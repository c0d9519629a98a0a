using System.Globalization;

namespace ChargeNet.LoadBalancer.Engine;

/// <summary>Checks a snapshot before anything is changed; the error names what is wrong and where.</summary>
internal static class SnapshotValidator
{
    public static void Validate(SiteSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Nodes is null || snapshot.Nodes.Length == 0)
        {
            throw Invalid("Nodes: the circuit tree needs at least one node");
        }

        if (snapshot.Connectors is null || snapshot.Settings is null || snapshot.Constraints is null)
        {
            throw Invalid("Connectors, Settings and Constraints must be set");
        }

        ValidateSettings(snapshot.Settings, snapshot.Constraints);
        for (var i = 0; i < snapshot.Nodes.Length; i++)
        {
            var node = snapshot.Nodes[i];
            if (node is null)
            {
                throw Invalid(Format("Nodes[{0}] is null", i));
            }

            if (node.ParentIndex < -1 || node.ParentIndex >= i)
            {
                throw Invalid(Format("Nodes[{0}] ({1}): ParentIndex {2} must be -1 or the index of an earlier node", i, node.Id, node.ParentIndex));
            }

            var limit = node.MaxCurrentA;
            if (!NonNegative(limit.L1A) || !NonNegative(limit.L2A) || !NonNegative(limit.L3A))
            {
                throw Invalid(Format("Nodes[{0}] ({1}): MaxCurrentA must be finite and not negative", i, node.Id));
            }

            if ((node.MaxPowerKw is { } kw && !NonNegative(kw)) || (node.MaxImbalanceA is { } imbalance && !NonNegative(imbalance)))
            {
                throw Invalid(Format("Nodes[{0}] ({1}): MaxPowerKw and MaxImbalanceA must be finite and not negative", i, node.Id));
            }

            if (node.Meter is { } meter && (!double.IsFinite(meter.CurrentA.L1A) || !double.IsFinite(meter.CurrentA.L2A) || !double.IsFinite(meter.CurrentA.L3A)))
            {
                throw Invalid(Format("Nodes[{0}] ({1}): the meter's currents must be finite", i, node.Id));
            }
        }

        for (var i = 0; i < snapshot.Connectors.Length; i++)
        {
            ValidateConnector(snapshot.Connectors[i], i, snapshot.Nodes.Length);
        }
    }

    private static void ValidateSettings(BalancerSettings settings, SiteConstraints constraints)
    {
        if (!NonNegative(settings.SafetyMarginA) || !NonNegative(settings.FallbackCurrentA))
        {
            throw Invalid("Settings: SafetyMarginA and FallbackCurrentA must be finite and not negative");
        }

        if (!(settings.NominalVoltageV > 0) || !double.IsFinite(settings.NominalVoltageV))
        {
            throw Invalid("Settings: NominalVoltageV must be above 0");
        }

        if (settings.RampUpAPerSecond is { } ramp && !(ramp > 0 && double.IsFinite(ramp)))
        {
            throw Invalid("Settings: RampUpAPerSecond must be above 0 when set");
        }

        if (settings.EnergyCapPeriod is { } period && period <= TimeSpan.Zero)
        {
            throw Invalid("Settings: EnergyCapPeriod must be above 0 when set");
        }

        if ((constraints.SiteCapKw is { } site && !NonNegative(site)) || (constraints.PerChargerCapKw is { } perCharger && !NonNegative(perCharger)))
        {
            throw Invalid("Constraints: SiteCapKw and PerChargerCapKw must be finite and not negative");
        }

        if (constraints.SitePowerTargetKw is { } target && !NonNegative(target))
        {
            throw Invalid("Constraints: SitePowerTargetKw must be finite and not negative");
        }
    }

    private static void ValidateConnector(ConnectorInput connector, int i, int nodeCount)
    {
        if (connector is null)
        {
            throw Invalid(Format("Connectors[{0}] is null", i));
        }

        if (connector.CircuitIndex < 0 || connector.CircuitIndex >= nodeCount)
        {
            throw Invalid(Format("Connectors[{0}] ({1}): CircuitIndex {2} is not a node", i, connector.Id, connector.CircuitIndex));
        }

        if (connector.WiredPhases is not (1 or 3))
        {
            throw Invalid(Format("Connectors[{0}] ({1}): WiredPhases must be 1 or 3, not {2}", i, connector.Id, connector.WiredPhases));
        }

        if ((uint)connector.Rotation > (uint)PhaseRotation.L2L1L3)
        {
            throw Invalid(Format("Connectors[{0}] ({1}): Rotation {2} is not a phase rotation", i, connector.Id, connector.Rotation));
        }

        if (!NonNegative(connector.MinCurrentA) || !NonNegative(connector.MaxCurrentA) || !NonNegative(connector.StepA)
            || !NonNegative(connector.FailsafeCurrentA) || !NonNegative(connector.LastLimitA) || !double.IsFinite(connector.SessionEnergyWh))
        {
            throw Invalid(Format("Connectors[{0}] ({1}): currents, steps and energy must be finite and not negative", i, connector.Id));
        }

        if (connector.MinCurrentA > connector.MaxCurrentA)
        {
            throw Invalid(Format("Connectors[{0}] ({1}): MinCurrentA {2} is above MaxCurrentA {3}", i, connector.Id, connector.MinCurrentA, connector.MaxCurrentA));
        }

        if (connector.LimitsAnswered < 0 || connector.LimitsNotTaken < 0 || connector.LimitsNotTaken > connector.LimitsAnswered)
        {
            throw Invalid(Format("Connectors[{0}] ({1}): LimitsNotTaken {2} must be between 0 and LimitsAnswered {3}", i, connector.Id, connector.LimitsNotTaken, connector.LimitsAnswered));
        }

        var measured = connector.MeasuredCurrentA;
        if (!double.IsFinite(measured.L1A) || !double.IsFinite(measured.L2A) || !double.IsFinite(measured.L3A)
            || (connector.EnergyWantedWh is { } wanted && !double.IsFinite(wanted)))
        {
            throw Invalid(Format("Connectors[{0}] ({1}): measured currents and energy wanted must be finite", i, connector.Id));
        }
    }

    private static bool NonNegative(double value) => value >= 0 && double.IsFinite(value);

    private static string Format(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    private static ArgumentException Invalid(string message) => new("Invalid snapshot: " + message);
}
