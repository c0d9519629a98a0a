using System.Globalization;
using ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Ocpp.V201;

/// <summary>
/// What the edge learnt of a station from its base report (GetBaseReport/NotifyReport, B07;
/// docs/ocpp.md, "Provisioning"): its EVSEs with their connectors and supply phases, and whether
/// smart charging and cost display (TariffCostCtrlr) are there. Component and variable names are
/// those of OCPP 2.0.1 Part 2, appendix "Components and Variables".
/// </summary>
public sealed record Ocpp201DeviceModel(IReadOnlyList<Ocpp201Evse> Evses, bool? SmartCharging, bool? TariffCost, DateTimeOffset ReportedAt)
{
    /// <summary>Reads a whole report (every part); items the edge does not use are skipped, a value it cannot read counts as not given.</summary>
    public static Ocpp201DeviceModel From(IEnumerable<ReportData> items, DateTimeOffset reportedAt)
    {
        ArgumentNullException.ThrowIfNull(items);
        var evses = new SortedDictionary<int, (SortedSet<int> Connectors, int? Phases)>();
        bool? smartCharging = null, tariffCost = null;
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
                case ("TariffCostCtrlr", "Enabled" or "Available"):
                    tariffCost = Combine(tariffCost, actual);
                    break;
            }
        }

        return new([.. evses.Select(e => new Ocpp201Evse(e.Key, [.. e.Value.Connectors], e.Value.Phases))], smartCharging, tariffCost, reportedAt);
    }

    // Available and Enabled must both hold where both are reported.
    private static bool? Combine(bool? before, string? value) =>
        bool.TryParse(value, out var now) ? (before ?? true) && now : before;
}

/// <summary>One EVSE of a station: its connector ids and the phases it is wired with (SupplyPhases; 0 for DC), when reported.</summary>
public sealed record Ocpp201Evse(int Id, IReadOnlyList<int> Connectors, int? SupplyPhases);
