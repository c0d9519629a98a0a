using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Simulation;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.EdgeAgent.Devices;
using ChargeNet.SiteSimulator;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// The demo's CP003 and CP004, simulated, each with a three-phase 16 A car that stays all afternoon; the
/// real control loop on a fake clock steps the physics every 250 ms and polls the meter and runs a cycle every second.
/// </summary>
internal static class TwoCarSite
{
    public static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan PhysicsStep = TimeSpan.FromMilliseconds(250);

    public static SimulatedSite Physics(TimeProvider time) => new(new SimulatedSiteOptions
    {
        Seed = 3,
        InitialOccupancy = 1.0,
        MinStay = TimeSpan.FromHours(4),
        MaxStay = TimeSpan.FromHours(5),
        Cars = [new CarProfile("3-phase 16 A", 3, 16, 60_000)],
    }, time);

    public static SiteConfiguration Configuration()
    {
        var demo = SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create());
        return demo with { Chargers = [.. demo.Chargers.Where(c => c.Id is "CP003" or "CP004")] };
    }

    public static ConnectorView Connector(SiteStatus status, string chargerId) =>
        status.Chargers.Single(c => c.Id == chargerId).Connectors.Single();

    /// <summary>The site for <paramref name="duration"/>, <paramref name="observe"/> called with each cycle's status.</summary>
    public static async Task RunAsync(LoopRig rig, SimulatedSite site, FakeTimeProvider time, TimeSpan duration, Action<SiteStatus>? observe = null)
    {
        var steps = (int)(duration / PhysicsStep);
        for (var i = 0; i < steps; i++)
        {
            time.Advance(PhysicsStep);
            site.Step();
            if (i % 4 == 0)
            {
                await rig.Loop.PollGridMeterAsync(CancellationToken.None);
                var status = await rig.Loop.RunCycleAsync(CancellationToken.None) ?? throw new InvalidOperationException("the cycle made no status");
                observe?.Invoke(status);
            }
        }
    }

    /// <summary>The devices of <paramref name="inner"/>, the charger <paramref name="chargerId"/> behind <paramref name="wrap"/>.</summary>
    public sealed class OneChargerWrapped<TCharger>(IDeviceFactory inner, string chargerId, Func<ICharger, TCharger> wrap) : IDeviceFactory
        where TCharger : ICharger
    {
        /// <summary>The wrapped charger, once the loop made it.</summary>
        public TCharger? Charger { get; private set; }

        public bool CanCreate(MeterSettings meter) => inner.CanCreate(meter);

        public bool CanCreate(ChargerSettings charger) => inner.CanCreate(charger);

        public IMeter Create(MeterSettings meter, SiteConfiguration site) => inner.Create(meter, site);

        public ICharger Create(ChargerSettings charger, SiteConfiguration site)
        {
            var created = inner.Create(charger, site);
            if (charger.Id != chargerId)
            {
                return created;
            }

            Charger = wrap(created);
            return Charger;
        }
    }
}
