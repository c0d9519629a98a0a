using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Simulation;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.EdgeAgent.Devices;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// The demo's CP003 and CP004, simulated, each with a three-phase 16 A car that stays all afternoon — for
/// <see cref="SimulatedSiteHarness"/>.
/// </summary>
internal static class TwoCarSite
{
    public static readonly SimulatedSiteOptions Cars = new()
    {
        Seed = 3,
        InitialOccupancy = 1.0,
        MinStay = TimeSpan.FromHours(4),
        MaxStay = TimeSpan.FromHours(5),
        Cars = [new CarProfile("3-phase 16 A", 3, 16, 60_000)],
    };

    public static SiteConfiguration Configuration()
    {
        var demo = SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create());
        return demo with { Chargers = [.. demo.Chargers.Where(c => c.Id is "CP003" or "CP004")] };
    }

    public static ConnectorView Connector(SiteStatus status, string chargerId) =>
        status.Chargers.Single(c => c.Id == chargerId).Connectors.Single();

    /// <summary>The devices of <paramref name="inner"/>, the charger <paramref name="chargerId"/> behind <paramref name="wrap"/>.</summary>
    public sealed class OneChargerWrapped<TCharger>(IDeviceFactory inner, string chargerId, Func<ICharger, TCharger> wrap)
        : ChargersWrapped<TCharger>(inner, [chargerId], wrap)
        where TCharger : ICharger
    {
        /// <summary>The wrapped charger, once the loop made it.</summary>
        public TCharger? Charger => Chargers.TryGetValue(chargerId, out var charger) ? charger : default;
    }

    /// <summary>The devices of <paramref name="inner"/>, each charger of <paramref name="chargerIds"/> behind <paramref name="wrap"/>.</summary>
    public class ChargersWrapped<TCharger>(IDeviceFactory inner, IReadOnlyCollection<string> chargerIds, Func<ICharger, TCharger> wrap) : IDeviceFactory
        where TCharger : ICharger
    {
        private readonly Dictionary<string, TCharger> _wrapped = new(StringComparer.Ordinal);

        /// <summary>The wrapped chargers by id, once the loop made them.</summary>
        public IReadOnlyDictionary<string, TCharger> Chargers => _wrapped;

        public bool CanCreate(MeterSettings meter) => inner.CanCreate(meter);

        public bool CanCreate(ChargerSettings charger) => inner.CanCreate(charger);

        public IMeter Create(MeterSettings meter, SiteConfiguration site) => inner.Create(meter, site);

        public ICharger Create(ChargerSettings charger, SiteConfiguration site)
        {
            var created = inner.Create(charger, site);
            if (!chargerIds.Contains(charger.Id))
            {
                return created;
            }

            var wrapped = wrap(created);
            _wrapped[charger.Id] = wrapped;
            return wrapped;
        }
    }
}
