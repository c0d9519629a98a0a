using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Peak;

/// <summary>
/// What the planners assume of a car that did not say what it needs (docs/load-balancing.md, "The
/// peak target in the daemon" and "Cheap hours").
/// </summary>
internal static class AssumedNeeds
{
    /// <summary>What a car that says nothing is taken to want when neither its charger nor the tariff says (kWh).</summary>
    public const double DefaultEnergyKwh = 20;

    /// <summary>
    /// The peak target's assumption: a car wants <c>assumedEnergyKwh</c> in its session (less what it
    /// has had) and leaves <c>assumedStayHours</c> after it plugged in. So a site whose cars say
    /// nothing still raises its target for the cars present rather than holding them to last month's
    /// paid level. A car that says it is full (suspended by the car) is assumed to need nothing more.
    /// </summary>
    public static SiteSnapshot Fill(SiteSnapshot snapshot, PowerTariffSettings tariff)
    {
        var assumedWh = tariff.AssumedEnergyKwh * 1000;
        var connectors = new ConnectorInput[snapshot.Connectors.Length];
        for (var i = 0; i < connectors.Length; i++)
        {
            var c = snapshot.Connectors[i];
            connectors[i] = c.EnergyWantedWh is null && CarThere(c)
                ? c with { EnergyWantedWh = Math.Max(0, assumedWh - c.SessionEnergyWh) }
                : c;
        }

        return snapshot with
        {
            Connectors = connectors,
            Settings = snapshot.Settings with { AssumedStay = snapshot.Settings.AssumedStay ?? TimeSpan.FromHours(tariff.AssumedStayHours) },
        };
    }

    /// <summary>
    /// The installer's assumption of a charger (<c>chargers[].assumedStayHours</c>): a car on it that
    /// did not say when it leaves leaves that long after it plugged in and, if it did not say its need
    /// either, wants the charger's (else the tariff's, else <see cref="DefaultEnergyKwh"/>) energy less
    /// what it has had. Unlike the tariff's assumption this one counts as the car's departure for
    /// cheap hours: the installer knows the spot. Returns the snapshot itself when no charger has one.
    /// </summary>
    public static SiteSnapshot FromChargers(SiteSnapshot snapshot, SiteConfiguration site)
    {
        ConnectorInput[]? connectors = null;
        for (var i = 0; i < snapshot.Connectors.Length; i++)
        {
            var c = snapshot.Connectors[i];
            if (c.DepartureAt is not null || c.SessionStartedAt is not { } pluggedAt || !CarThere(c)
                || site.Chargers.FirstOrDefault(s => s.Id == c.ChargerId) is not { AssumedStayHours: { } stayH } charger)
            {
                continue;
            }

            var energyKwh = charger.AssumedEnergyKwh ?? site.Grid.PowerTariff?.AssumedEnergyKwh ?? DefaultEnergyKwh;
            connectors ??= (ConnectorInput[])snapshot.Connectors.Clone();
            connectors[i] = c with
            {
                DepartureAt = pluggedAt + TimeSpan.FromHours(stayH),
                EnergyWantedWh = c.EnergyWantedWh ?? Math.Max(0, (energyKwh * 1000) - c.SessionEnergyWh),
            };
        }

        return connectors is null ? snapshot : snapshot with { Connectors = connectors };
    }

    private static bool CarThere(ConnectorInput c) =>
        c.Activity is ConnectorActivity.Charging or ConnectorActivity.CarConnected or ConnectorActivity.SuspendedByController;
}
