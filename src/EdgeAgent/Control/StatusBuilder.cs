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
        GridMeterWatch grid,
        IReadOnlyDictionary<string, string?> chargerErrors,
        DeviceSet devices,
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

        var chargers = site.Chargers.Select(charger =>
        {
            var connectors = model.Connectors
                .Where(c => c.ChargerId == charger.Id)
                .Select(c => new ConnectorView(
                    c.ConnectorId,
                    JsonNamingPolicy.CamelCase.ConvertName((c.Status?.State ?? Drivers.Devices.ConnectorState.Unavailable).ToString()),
                    c.Status is { } s ? Round(s.CurrentA.ToArray()) : [0, 0, 0],
                    c.SentLimitA is { } limit ? Math.Round(limit, 2) : null,
                    c.Reason is null ? null : JsonNamingPolicy.CamelCase.ConvertName(c.Reason),
                    c.Confirmed))
                .ToList();
            var error = chargerErrors.GetValueOrDefault(charger.Id);
            var online = devices.Chargers.ContainsKey(charger.Id) && error is null && connectors.Any(c => c.State != "unavailable");
            return new ChargerView(charger.Id, online, error, connectors);
        }).ToList();

        var fallback = result.GridFallbackActive;
        var gridView = new GridView(
            grid.Latest is { } reading && !grid.IsStale(now, TimeSpan.FromSeconds(site.Grid.MeterTimeoutS)) ? Round(reading.CurrentA.ToArray()) : null,
            fallback ? site.Grid.FallbackCurrentA : site.Grid.MaxCurrentA,
            fallback,
            grid.Latest?.Timestamp);
        return new SiteStatus(now, site.SiteId, model.Applied.Revision, result.StrategyName, gridView, Round(allocated), chargers, Math.Round(cycleMs, 3));
    }

    private static double[] Round(double[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Math.Round(values[i], 2);
        }

        return values;
    }
}
