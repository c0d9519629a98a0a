using System.Text.Json;
using ChargeNet.EdgeAgent.Devices;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>Turns one cycle's model and decision into the status the page, the API and telemetry show.</summary>
internal static class StatusBuilder
{
    public static SiteStatus Build(
        SiteModel model,
        AllocationResult result,
        MeterWatch grid,
        bool gridStale,
        IReadOnlyDictionary<string, string?> chargerErrors,
        DeviceSet devices,
        IReadOnlyList<ManualLimit> manualLimits,
        ConstraintsView constraints,
        DateTimeOffset now,
        double cycleMs)
    {
        var site = model.Site;
        var allocated = new double[3];
        var allocations = result.Connectors;
        for (var i = 0; i < allocations.Length; i++)
        {
            for (var phase = 0; phase < 3; phase++)
            {
                if (allocations[i].UsesGridPhase(phase))
                {
                    allocated[phase] += allocations[i].LimitA;
                }
            }
        }

        var fallback = result.GridFallbackActive;
        var gridView = GridOf(site, grid, gridStale, fallback) with
        {
            UncontrolledA = result.NodeUncontrolledA.Length > 0 ? Round([result.NodeUncontrolledA[0].L1A, result.NodeUncontrolledA[0].L2A, result.NodeUncontrolledA[0].L3A]) : null,
            CircuitRoomA = result.NodeUncontrolledA.Length > 0 && model.CircuitRoomA(result.NodeUncontrolledA, site.Grid.SafetyMarginA) is { } circuitRoom ? Round(circuitRoom) : null,
        };
        return new SiteStatus(now, site.SiteId, model.Applied.Revision, result.StrategyName, gridView, Round(allocated), Chargers(model, chargerErrors, devices, manualLimits, now), Math.Round(cycleMs, 3))
        {
            Constraints = constraints,
        };
    }

    /// <summary>
    /// The status after a cycle that failed: the limits just sent (each connector's reason <c>cycleFailed</c>), summed per grid
    /// phase over each charger's wired phases; the grid as its meter reads now, the fallback when it is stale — never the last
    /// plan's reading, totals or latency under a new time (docs/control-loop-sessions.md, Session 44); the constraints are those the
    /// failsafes were sent under.
    /// </summary>
    public static SiteStatus Failed(
        SiteModel model,
        MeterWatch grid,
        bool gridStale,
        IReadOnlyDictionary<string, string?> chargerErrors,
        DeviceSet devices,
        IReadOnlyList<ManualLimit> manualLimits,
        ConstraintsView constraints,
        DateTimeOffset now,
        string strategyName,
        int failedCycles)
    {
        var site = model.Site;
        var allocated = new double[3];
        for (var i = 0; i < model.Connectors.Count; i++)
        {
            var limitA = model.Connectors[i].SentLimitA ?? 0;
            var rotation = model.RotationOf(i);
            for (var k = 0; k < model.ChargerOf(i).Phases; k++)
            {
                allocated[rotation.GridPhase(k)] += limitA;
            }
        }

        var fallback = site.Grid.Meter is not null && gridStale;
        return new SiteStatus(now, site.SiteId, model.Applied.Revision, strategyName, GridOf(site, grid, gridStale, fallback), Round(allocated), Chargers(model, chargerErrors, devices, manualLimits, now), 0)
        {
            Controlling = false,
            FailedCycles = failedCycles,
            Constraints = constraints,
        };
    }

    // The model lists connectors charger by charger, in the configuration's order: one pass.
    private static List<ChargerView> Chargers(
        SiteModel model, IReadOnlyDictionary<string, string?> chargerErrors, DeviceSet devices, IReadOnlyList<ManualLimit> manualLimits, DateTimeOffset now)
    {
        var site = model.Site;
        var manual = manualLimits.Count > 0;
        var chargers = new List<ChargerView>(site.Chargers.Count);
        var next = 0;
        foreach (var charger in site.Chargers)
        {
            var error = chargerErrors.GetValueOrDefault(charger.Id);
            // A charger offline or in error: its last report is history, not its connectors now. They are shown unavailable with
            // no current, so no count of the status takes them for live (docs/api.md, "Connector states"); the loop still counts
            // their last draw conservatively, from its own runtime, not from this view.
            var answers = devices.Chargers.ContainsKey(charger.Id) && error is null;
            var connectors = new List<ConnectorView>(charger.Connectors);
            for (; next < model.Connectors.Count && model.Connectors[next].ChargerId == charger.Id; next++)
            {
                var c = model.Connectors[next];
                var setpoint = c.Setpoint;
                var status = answers ? c.Status : null;
                connectors.Add(new ConnectorView(
                    c.ConnectorId,
                    JsonNamingPolicy.CamelCase.ConvertName((status?.State ?? Drivers.Devices.ConnectorState.Unavailable).ToString()),
                    status is { } s ? Round(s.CurrentA.ToArray()) : [0, 0, 0],
                    setpoint is null ? null : Math.Round(setpoint.LimitA, 2),
                    c.Reason is null ? null : JsonNamingPolicy.CamelCase.ConvertName(c.Reason),
                    setpoint is { Confirmed: true })
                {
                    ManualLimitA = manual ? ManualLimits.For(manualLimits, c.ChargerId, c.ConnectorId, now)?.MaxCurrentA : null,
                });
            }

            var online = answers && connectors.Any(c => c.State != "unavailable");
            chargers.Add(new ChargerView(charger.Id, online, error, connectors) { Unsecured = IsUnsecuredOcpp(charger) });
        }

        return chargers;
    }

    // The meter's feed writes its latest reading meanwhile: read once, the currents and their time are of one reading.
    private static GridView GridOf(Configuration.SiteConfiguration site, MeterWatch grid, bool gridStale, bool fallback)
    {
        var latest = grid.Latest;
        return new(
            latest is { } reading && !gridStale ? Round(reading.CurrentA.ToArray()) : null,
            fallback ? site.Grid.FallbackCurrentA : site.Grid.MaxCurrentA,
            fallback,
            latest?.Timestamp)
        {
            TargetA = fallback ? null : site.Grid.MaxCurrentA - site.Grid.SafetyMarginA,
        };
    }

    /// <summary>An OCPP charger without a password (security profile 0): anyone on the LAN could pose as it (docs/security.md).</summary>
    private static bool IsUnsecuredOcpp(Configuration.ChargerSettings charger) =>
        Configuration.ChargerProtocols.IsOcpp(charger.Protocol) && charger.OcppPassword is null;

    private static double[] Round(double[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Math.Round(values[i], 2);
        }

        return values;
    }
}
