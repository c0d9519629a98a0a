using System.Globalization;
using ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Ocpp.V201;

/// <summary>
/// What the edge learnt of a station from its base report (GetBaseReport/NotifyReport, B07;
/// docs/ocpp.md, "Provisioning"): its EVSEs with their connectors and supply phases, and whether
/// smart charging and the display of tariff and cost (TariffCostCtrlr) are there. Component and variable names are
/// those of OCPP 2.0.1 Part 2, appendix "Components and Variables".
/// </summary>
/// <param name="Tariff">TariffCostCtrlr's <c>Available</c>/<c>Enabled</c> of instance <c>Tariff</c>: the station shows a driver's tariff (I01).</param>
/// <param name="Cost">The same of instance <c>Cost</c>: the station shows the running and final cost (I02, I03).</param>
public sealed record Ocpp201DeviceModel(IReadOnlyList<Ocpp201Evse> Evses, bool? SmartCharging, bool? Tariff, bool? Cost, DateTimeOffset ReportedAt)
{
    /// <summary>The DisplayMessageCtrlr as reported (O01); <see cref="Ocpp201DisplayMessages.NotReported"/> when the report has none of it.</summary>
    public Ocpp201DisplayMessages DisplayMessages { get; init; } = Ocpp201DisplayMessages.NotReported;

    /// <summary>Reads a whole report (every part); items the edge does not use are skipped, a value it cannot read counts as not given.</summary>
    public static Ocpp201DeviceModel From(IEnumerable<ReportData> items, DateTimeOffset reportedAt)
    {
        ArgumentNullException.ThrowIfNull(items);
        var evses = new SortedDictionary<int, (SortedSet<int> Connectors, int? Phases)>();
        bool? smartCharging = null, tariff = null, cost = null;
        var display = Ocpp201DisplayMessages.NotReported;
        foreach (var item in items)
        {
            var actual = item.VariableAttribute.FirstOrDefault(a => a.Type is null or "Actual")?.Value;
            var evse = item.Component.Evse;
            switch (item.Component.Name, item.Variable.Name)
            {
                case ("EVSE", _) when evse is { Id: > 0 }:
                    var entry = evses.GetValueOrDefault(evse.Id, ([], null));
                    evses[evse.Id] = item.Variable.Name == "SupplyPhases" && int.TryParse(actual, NumberStyles.None, CultureInfo.InvariantCulture, out var phases)
                        ? (entry.Connectors, phases)
                        : entry;
                    break;
                case ("Connector", _) when evse is { Id: > 0, ConnectorId: > 0 }:
                    var owner = evses.GetValueOrDefault(evse.Id, ([], null));
                    owner.Connectors.Add(evse.ConnectorId.Value);
                    evses[evse.Id] = owner;
                    break;
                case ("SmartChargingCtrlr", "Enabled" or "Available"):
                    smartCharging = Combine(smartCharging, actual);
                    break;
                // A variable without an instance speaks for both (stations that report one switch for the whole controller).
                case ("TariffCostCtrlr", "Enabled" or "Available"):
                    tariff = item.Variable.Instance is null or "Tariff" ? Combine(tariff, actual) : tariff;
                    cost = item.Variable.Instance is null or "Cost" ? Combine(cost, actual) : cost;
                    break;
                case ("DisplayMessageCtrlr", _):
                    display = display.With(item, actual);
                    break;
            }
        }

        return new([.. evses.Select(e => new Ocpp201Evse(e.Key, [.. e.Value.Connectors], e.Value.Phases))], smartCharging, tariff, cost, reportedAt)
        {
            DisplayMessages = display,
        };
    }

    // Available and Enabled must both hold where both are reported.
    internal static bool? Combine(bool? before, string? value) =>
        bool.TryParse(value, out var now) ? (before ?? true) && now : before;
}

/// <summary>One EVSE of a station: its connector ids and the phases it is wired with (SupplyPhases; 0 for DC), when reported.</summary>
public sealed record Ocpp201Evse(int Id, IReadOnlyList<int> Connectors, int? SupplyPhases);
