using System.Globalization;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>
/// What one connector's charging is held by now, as facts gathered from the control loop, the charger and the parties beside the edge
/// (docs/web.md, "Why is it limited?"). Amperes per phase; null where a fact is not known.
/// </summary>
/// <param name="State">The loop's state of the connector (available, charging, suspendedByCar …), null before its first cycle.</param>
/// <param name="DrawA">The highest phase current the connector draws.</param>
/// <param name="EdgeA">The limit the control loop gives it (its setpoint).</param>
/// <param name="EdgeReason">Why the loop gave that (its reason code: shareOfCapacity, atMaximum, manualLimit …).</param>
/// <param name="OperatorA">The limit of the operator's profile (an upstream central system's, docs/upstream.md) in force now.</param>
/// <param name="ExternalA">The lowest limit set on the charger from outside (2.0.1 NotifyChargingLimit) in force now.</param>
/// <param name="ExternalSource">Whose that is (EMS, SO, CSO, Other).</param>
/// <param name="StationA">What the charger's composite schedule says is in force now.</param>
/// <param name="StationHolder">Whose profile on the charger holds it lower than the edge's, when the charger listed its profiles (EMS, SO, CSO, Other).</param>
/// <param name="CarMaxA">The most the car said it takes (2.0.1 NotifyEVChargingNeeds).</param>
public sealed record LimitFacts(
    string? State,
    double? DrawA,
    double? EdgeA,
    string? EdgeReason,
    double? OperatorA = null,
    double? ExternalA = null,
    string? ExternalSource = null,
    double? StationA = null,
    string? StationHolder = null,
    double? CarMaxA = null);

/// <summary>What holds the connector now: <paramref name="By"/> (none, site, grid, manual, operator, external, station, charger, car), the limit in A, and a sentence for a person.</summary>
public sealed record LimitWhy(string By, double? LimitA, string Sentence);

/// <summary>Reads <see cref="LimitFacts"/> into the one plain sentence the page shows beside a charger's schedule.</summary>
public static class LimitExplanation
{
    // Limits closer than this are the same limit (the edge sends to 0.1 A; a charger rounds its schedule).
    private const double SameA = 0.15;

    // A car that draws this much below what it may (and at least 2 A, as meters and cars waver) is what holds it.
    private const double CarShortfall = 0.2;

    public static LimitWhy Of(LimitFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        switch (facts.State)
        {
            case "available" or "noVehicle":
                return new("none", null, "No car is plugged in: nothing is limited now.");
            case "faulted" or "unavailable":
                return new("charger", null, $"The connector is {facts.State}: it does not charge.");
        }

        var (limitA, by, why) = Binding(facts);
        if (limitA is null)
        {
            return new("none", null, "Nothing limits it yet: the edge has not set a limit and the charger said none.");
        }

        if (facts.State == "suspendedByCar")
        {
            return new("car", 0, $"Held by the car: it has paused charging, though it may take {A(limitA.Value)} ({why}).");
        }

        if (facts.State == "charging" && facts.DrawA is { } draw && limitA > 0 && draw < limitA.Value - Math.Max(2, CarShortfall * limitA.Value))
        {
            return new("car", draw, $"Limited to {A(draw)} by the car: it draws {A(draw)} of the {A(limitA.Value)} it may ({why}).");
        }

        return new(by, limitA, limitA.Value <= 0 ? $"Paused (0 A) {why}." : $"Limited to {A(limitA.Value)} {why}.");
    }

    // The lowest of the limits in force; at a tie, whoever is not the edge, since the edge then only follows them (the balancer takes an outside
    // limit or the car's maximum as the connector's own maximum, so the loop's reason would say "at its maximum").
    private static (double? LimitA, string By, string Why) Binding(LimitFacts facts)
    {
        var candidates = new List<(double A, int Rank, string By, string Why)>();
        if (facts.ExternalA is { } external)
        {
            candidates.Add((external, 0, "external", $"by {Party(facts.ExternalSource)}'s limit set on the charger"));
        }

        if (facts.OperatorA is { } operatorA)
        {
            candidates.Add((operatorA, 1, "operator", "by the operator's profile (the upstream central system's limit)"));
        }

        if (facts.CarMaxA is { } car)
        {
            candidates.Add((car, 2, "car", "by the car: it takes no more"));
        }

        if (facts.StationA is { } station && (facts.EdgeA is not { } edgeA || station < edgeA - SameA))
        {
            candidates.Add((station, 3, facts.StationHolder is "EMS" or "SO" ? "external" : facts.StationHolder is "CSO" ? "operator" : "station",
                facts.StationHolder is { } holder
                    ? $"by {Party(holder)}'s profile on the charger"
                    : "by the charger's own schedule (a profile on it that is not the edge's, or its own maximum)"));
        }

        if (facts.EdgeA is { } edge)
        {
            var (by, why) = EdgeReason(facts.EdgeReason);
            candidates.Add((edge, 4, by, why));
        }

        if (candidates.Count == 0)
        {
            return (null, "none", "");
        }

        var lowest = candidates.Min(c => c.A);
        var binding = candidates.Where(c => c.A <= lowest + SameA).MinBy(c => c.Rank);
        return (binding.A, binding.By, binding.Why);
    }

    private static string Party(string? source) => source switch
    {
        "EMS" => "an energy management system",
        "SO" => "the grid operator",
        "CSO" => "another central system (the operator)",
        _ => "another party",
    };

    // The control loop's reason codes (docs/load-balancing.md), as what they mean to a person on site.
    private static (string By, string Why) EdgeReason(string? reason) => reason switch
    {
        "shareOfCapacity" => ("site", "by the site's fuse share: the grid connection and circuits are shared with the other chargers"),
        "nodeCurrentLimit" => ("site", "by the site's fuse share: a circuit's current per phase is used up"),
        "nodePowerLimit" => ("site", "by the site's fuse share: a circuit's power limit is reached"),
        "phaseImbalance" => ("site", "by the site's phase-imbalance limit"),
        "waitingForRoom" => ("site", "by the site's fuse share: its raise waits until limits lowered elsewhere have taken effect"),
        "pausedForCapacity" => ("site", "by the site's fuse share: what is left does not reach its minimum current"),
        "pausedHold" => ("site", "by the site's fuse share, held paused for the minimum pause time"),
        "rampLimit" => ("site", "by the edge's ramp: it raises limits step by step"),
        "siteCurtailment" => ("grid", "by the grid operator's curtailment of the site"),
        "chargerCurtailment" => ("grid", "by the grid operator's curtailment per charger"),
        "peakTarget" => ("site", "by the site's peak target (this month's power peak)"),
        "cheapHours" => ("site", "by the cheap hours: it waits for cheaper quarter-hours before the car leaves"),
        "manualLimit" => ("manual", "by a manual limit (set on this page or through the API)"),
        "startupHold" => ("site", "by the startup hold: chargers stay at their failsafe current until the edge has measured the site"),
        "emergencyStop" => ("site", "by the emergency stop"),
        "staleData" => ("site", "by stale readings: the charger's data is old, so the edge counts it conservatively"),
        "cycleFailed" => ("site", "by the last limit: the control cycle failed, so what was set holds"),
        "atMaximum" => ("charger", "by the charger's own maximum (its configured maximum current)"),
        "reclaimed" => ("car", "by the car: it drew well below its offer, so the edge lowered the limit toward its draw"),
        "energyNeeded" => ("car", "by the car's needs: it wants only the energy still missing"),
        "pausedFull" => ("car", "by the car: it stopped drawing on its own (full, or its own timer), so it is paused while other cars need the room; it is offered its minimum again when the room is free, or every quarter of an hour"),
        null => ("site", "by the edge's limit"),
        _ => ("site", $"by the edge's control loop ({reason})"),
    };

    private static string A(double amperes) => amperes.ToString(amperes % 1 == 0 ? "0" : "0.0", CultureInfo.InvariantCulture) + " A";
}
