using System.Globalization;

namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>
/// The rules a site configuration must keep beyond its schema: references that must exist, a
/// circuit tree without cycles, limits that make sense together. Reports every problem at once.
/// </summary>
public sealed class SiteConfigurationValidator
{
    /// <summary>IEC 61851-1: the lowest current a charger may signal to a car.</summary>
    public const double Iec61851MinimumCurrentA = 6;

    private readonly KnownDrivers _drivers;

    public SiteConfigurationValidator(KnownDrivers drivers)
    {
        _drivers = drivers;
    }

    public IReadOnlyList<ConfigurationProblem> Validate(SiteConfiguration site)
    {
        var problems = new List<ConfigurationProblem>();
        void Error(string path, string message) => problems.Add(new(path, message));
        void Warn(string path, string message) => problems.Add(new(path, message, ProblemSeverity.Warning));

        if (string.IsNullOrWhiteSpace(site.SiteId))
        {
            Error("$.siteId", "is required");
        }

        var meters = IndexIds(site.Meters.Select(m => m.Id), "$.meters", Error);
        var circuits = IndexIds(site.Circuits.Select(c => c.Id), "$.circuits", Error);
        IndexIds(site.Chargers.Select(c => c.Id), "$.chargers", Error);

        ValidateGrid(site.Grid, meters, Error);
        ValidateCircuits(site, circuits, meters, Error, Warn);
        ValidateMeters(site.Meters, Error);
        ValidateChargers(site, circuits, Error, Warn);
        ValidateGpio(site.Gpio, Error);
        PricingRules.Validate(site, Error, Warn);
        OcppUpstreamSettingsRules.Validate(site, Error, Warn);

        if (site.Cloud is { Enabled: true, Host: null or "" })
        {
            Error("$.cloud.host", "is required when the cloud link is enabled");
        }

        if (site.Cloud is { CommandMaxAgeS: var maxAge } && !(maxAge >= 1 && maxAge <= 86_400))
        {
            Error("$.cloud.commandMaxAgeS", $"must be from 1 to 86400 seconds, not {maxAge.ToString(CultureInfo.InvariantCulture)}");
        }

        return problems;
    }

    /// <summary>The index of each id in a list, reporting every empty or repeated one at its path.</summary>
    internal static Dictionary<string, int> IndexIds(IEnumerable<string> ids, string path, Action<string, string> error)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        foreach (var id in ids)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                error($"{path}[{i}].id", "is required");
            }
            else if (!index.TryAdd(id, i))
            {
                error($"{path}[{i}].id", $"'{id}' is already used by {path}[{index[id]}]");
            }

            i++;
        }

        return index;
    }

    private static void ValidateGrid(GridSettings grid, Dictionary<string, int> meters, Action<string, string> error)
    {
        if (grid.Phases is not (1 or 3))
        {
            error("$.grid.phases", $"must be 1 or 3, not {grid.Phases}");
        }

        if (grid.MaxCurrentA <= 0)
        {
            error("$.grid.maxCurrentA", "must be above 0");
        }

        if (grid.SafetyMarginA < 0 || grid.SafetyMarginA >= grid.MaxCurrentA)
        {
            error("$.grid.safetyMarginA", $"must be at least 0 and below grid.maxCurrentA ({F(grid.MaxCurrentA)} A)");
        }

        if (grid.FallbackCurrentA < 0 || grid.FallbackCurrentA > grid.MaxCurrentA - Math.Max(0, grid.SafetyMarginA))
        {
            error("$.grid.fallbackCurrentA",
                $"{F(grid.FallbackCurrentA)} A is above the grid limit less its margin ({F(grid.MaxCurrentA - grid.SafetyMarginA)} A)");
        }

        if (grid.MaxImbalanceA is { } imbalance && (imbalance <= 0 || imbalance > grid.MaxCurrentA))
        {
            error("$.grid.maxImbalanceA", $"must be above 0 and at most grid.maxCurrentA ({F(grid.MaxCurrentA)} A)");
        }

        if (grid.MeterTimeoutS is <= 0 or > 3600)
        {
            error("$.grid.meterTimeoutS", "must be above 0 and at most 3600 s");
        }

        if (grid.Meter is not null && !meters.ContainsKey(grid.Meter))
        {
            error("$.grid.meter", $"names meter '{grid.Meter}', which is not in $.meters");
        }

        if (grid.PowerTariff is { } tariff)
        {
            PowerTariffRules.Validate(tariff, "$.grid.powerTariff", error);
        }
    }

    private static void ValidateCircuits(
        SiteConfiguration site,
        Dictionary<string, int> circuits,
        Dictionary<string, int> meters,
        Action<string, string> error,
        Action<string, string> warn)
    {
        for (var i = 0; i < site.Circuits.Count; i++)
        {
            var circuit = site.Circuits[i];
            var path = $"$.circuits[{i}]";
            if (circuit.MaxCurrentA <= 0)
            {
                error(path + ".maxCurrentA", "must be above 0");
            }

            if (circuit.Meter is not null && !meters.ContainsKey(circuit.Meter))
            {
                error(path + ".meter", $"names meter '{circuit.Meter}', which is not in $.meters");
            }

            if (circuit.Parent is null)
            {
                if (circuit.MaxCurrentA > site.Grid.MaxCurrentA)
                {
                    warn(path + ".maxCurrentA",
                        $"{F(circuit.MaxCurrentA)} A is above the grid connection's {F(site.Grid.MaxCurrentA)} A; the grid limit applies");
                }

                continue;
            }

            if (!circuits.TryGetValue(circuit.Parent, out var parentIndex))
            {
                error(path + ".parent", $"names circuit '{circuit.Parent}', which is not in $.circuits");
                continue;
            }

            if (circuit.MaxCurrentA > site.Circuits[parentIndex].MaxCurrentA)
            {
                warn(path + ".maxCurrentA",
                    $"{F(circuit.MaxCurrentA)} A is above its parent '{circuit.Parent}' ({F(site.Circuits[parentIndex].MaxCurrentA)} A); the parent's limit applies");
            }

            if (IsInCycle(site.Circuits, circuits, i))
            {
                error(path + ".parent", $"circuit '{circuit.Id}' is its own ancestor: the circuit tree has a cycle");
            }
        }
    }

    private static bool IsInCycle(IReadOnlyList<CircuitSettings> all, Dictionary<string, int> index, int start)
    {
        var current = start;
        for (var steps = 0; steps <= all.Count; steps++)
        {
            var parent = all[current].Parent;
            if (parent is null || !index.TryGetValue(parent, out current))
            {
                return false;
            }

            if (current == start)
            {
                return true;
            }
        }

        return false; // A cycle above this circuit, reported at the circuits that are in it.
    }

    private void ValidateMeters(IReadOnlyList<MeterSettings> meters, Action<string, string> error)
    {
        for (var i = 0; i < meters.Count; i++)
        {
            var meter = meters[i];
            var path = $"$.meters[{i}]";
            if (!_drivers.Meters.Contains(meter.Driver))
            {
                error(path + ".driver", $"'{meter.Driver}' is not a known meter driver (known: {string.Join(", ", _drivers.Meters.Order())})");
            }
            else if (meter.Driver != KnownDrivers.Simulated)
            {
                ValidateModbus(meter.Modbus, path + ".modbus", error);
            }
        }
    }

    private void ValidateChargers(
        SiteConfiguration site,
        Dictionary<string, int> circuits,
        Action<string, string> error,
        Action<string, string> warn)
    {
        for (var i = 0; i < site.Chargers.Count; i++)
        {
            var charger = site.Chargers[i];
            var path = $"$.chargers[{i}]";
            if (!circuits.TryGetValue(charger.Circuit, out var circuitIndex))
            {
                error(path + ".circuit", $"names circuit '{charger.Circuit}', which is not in $.circuits");
            }
            else if (charger.MaxCurrentA > site.Circuits[circuitIndex].MaxCurrentA)
            {
                warn(path + ".maxCurrentA",
                    $"{F(charger.MaxCurrentA)} A is above its circuit '{charger.Circuit}' ({F(site.Circuits[circuitIndex].MaxCurrentA)} A)");
            }

            ValidateProtocol(charger, path, error);

            if (!PhaseRotationText.TryParse(charger.PhaseRotation, out _))
            {
                error(path + ".phaseRotation", $"'{charger.PhaseRotation}' is not a permutation of L1L2L3");
            }

            if (charger.Phases is not (1 or 3))
            {
                error(path + ".phases", $"must be 1 or 3, not {charger.Phases}");
            }
            else if (charger.Phases == 3 && site.Grid.Phases == 1)
            {
                error(path + ".phases", "a 3-phase charger cannot be on a 1-phase grid connection");
            }

            if (charger.MinCurrentA < Iec61851MinimumCurrentA)
            {
                error(path + ".minCurrentA", $"{F(charger.MinCurrentA)} A is below the {F(Iec61851MinimumCurrentA)} A that IEC 61851-1 lets a charger offer");
            }

            if (charger.MinCurrentA > charger.MaxCurrentA)
            {
                error(path + ".minCurrentA", $"{F(charger.MinCurrentA)} A is above maxCurrentA ({F(charger.MaxCurrentA)} A)");
            }

            if (charger.FailsafeCurrentA is { } failsafe
                && (failsafe > charger.MaxCurrentA || (failsafe > 0 && failsafe < charger.MinCurrentA)))
            {
                error(path + ".failsafeCurrentA",
                    $"{F(failsafe)} A must be 0 or between minCurrentA and maxCurrentA ({F(charger.MinCurrentA)}–{F(charger.MaxCurrentA)} A)");
            }
        }
    }

    private void ValidateProtocol(ChargerSettings charger, string path, Action<string, string> error)
    {
        switch (charger.Protocol)
        {
            case ChargerProtocols.Modbus:
                if (charger.Driver is null || !_drivers.Chargers.Contains(charger.Driver))
                {
                    error(path + ".driver",
                        $"'{charger.Driver}' is not a known Modbus charger driver (known: {string.Join(", ", _drivers.Chargers.Order())})");
                }

                ValidateModbus(charger.Modbus, path + ".modbus", error);
                break;
            case ChargerProtocols.Ocpp16 or ChargerProtocols.Ocpp201 or ChargerProtocols.Simulated:
                if (charger.Modbus is not null)
                {
                    error(path + ".modbus", $"only a Modbus charger has a Modbus address, not a '{charger.Protocol}' one");
                }

                break;
            default:
                error(path + ".protocol", $"'{charger.Protocol}' is not one of {string.Join(", ", ChargerProtocols.All)}");
                break;
        }

        if (!charger.OfferedCurrentIsLimit && !ChargerProtocols.IsOcpp(charger.Protocol))
        {
            error(path + ".offeredCurrentIsLimit", "only an OCPP charger reports Current.Offered");
        }

        if (charger.OcppPassword is not null && !ChargerProtocols.IsOcpp(charger.Protocol))
        {
            error(path + ".ocppPassword", "only an OCPP charger has an OCPP password");
        }
        else if (charger.OcppPassword is { } password && System.Text.Encoding.UTF8.GetByteCount(password) < 16)
        {
            error(path + ".ocppPassword", "must be at least 16 bytes (OCPP 1.6 security white paper)");
        }
    }

    private static void ValidateModbus(ModbusEndpointSettings? modbus, string path, Action<string, string> error)
    {
        if (modbus is null)
        {
            error(path, "is required: where the device is reached");
            return;
        }

        switch (modbus.Transport)
        {
            case ModbusTransports.Tcp or ModbusTransports.RtuOverTcp when string.IsNullOrWhiteSpace(modbus.Host):
                error(path + ".host", $"is required for transport '{modbus.Transport}'");
                break;
            case ModbusTransports.Rtu when string.IsNullOrWhiteSpace(modbus.SerialPort):
                error(path + ".serialPort", "is required for transport 'rtu'");
                break;
            case ModbusTransports.Tcp or ModbusTransports.RtuOverTcp or ModbusTransports.Rtu:
                break;
            default:
                error(path + ".transport", $"'{modbus.Transport}' is not one of {string.Join(", ", ModbusTransports.All)}");
                break;
        }

        // On a serial line 0 is the broadcast address (Modbus over Serial Line V1.02, section 2.2): every device takes the write
        // and none answers, so one charger's limit would reach them all, unconfirmed. Modbus TCP allows 0 to 255.
        var (minUnit, maxUnit) = modbus.Transport == ModbusTransports.Tcp ? (0, 255) : (1, 247);
        if (modbus.UnitId < minUnit || modbus.UnitId > maxUnit)
        {
            error(path + ".unitId", $"must be between {minUnit} and {maxUnit} for transport '{modbus.Transport}'"
                + (modbus.UnitId == 0 ? " (0 is the serial line's broadcast address: every device would take the write, none answers)" : ""));
        }
    }

    private static void ValidateGpio(GpioSettings? gpio, Action<string, string> error)
    {
        if (gpio is null)
        {
            return;
        }

        var pins = new Dictionary<int, string>();
        void Claim(int? pin, string path)
        {
            if (pin is not { } p)
            {
                return;
            }

            if (!pins.TryAdd(p, path))
            {
                error(path + ".pin", $"pin {p} is already used by {pins[p]}");
            }
        }

        Claim(gpio.DsoCurtailment?.Pin, "$.gpio.dsoCurtailment");
        Claim(gpio.EmergencyStop?.Pin, "$.gpio.emergencyStop");
        Claim(gpio.StatusLed?.Pin, "$.gpio.statusLed");
        Claim(gpio.FaultRelay?.Pin, "$.gpio.faultRelay");

        if (gpio.DsoCurtailment is { LimitPerChargerKw: null, SiteLimitKw: null })
        {
            error("$.gpio.dsoCurtailment", "needs limitPerChargerKw or siteLimitKw: what to cap while the input is active");
        }
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
