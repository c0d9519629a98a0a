using SessionCost = ChargeNet.EdgeAgent.Pricing.SessionCost;
using ChargeNet.Drivers.Simulation;
using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Tests.Control;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Sessions;

/// <summary>A finished session of a simulated (or Modbus) charger and its cloud outbox copy are written by one store call.</summary>
public sealed class SessionOutboxTransactionTests
{
    private static readonly SimulatedSiteOptions BusySite = new()
    {
        Seed = 11,
        InitialOccupancy = 1.0,
        MeanTimeBetweenArrivals = TimeSpan.FromMinutes(1),
        MinStay = TimeSpan.FromMinutes(5),
        MaxStay = TimeSpan.FromMinutes(15),
    };

    [Fact]
    public async Task A_session_whose_finish_fails_stays_open_and_is_finished_later_with_exactly_one_outbox_copy()
    {
        var ct = CancellationToken.None;
        var costs = new FailOnceCostSource();
        var site = SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create());
        await using var harness = await SimulatedSiteHarness.StartAsync(site, BusySite, new FairShareStrategy(), costs);

        // The first session to end fails its finish: nothing of it is written, and the control of the site goes on as it was
        // (bookkeeping never fails a cycle, which would send every charger its failsafe).
        for (var second = 0; costs.Refused is null && second < 30 * 60; second++)
        {
            await harness.RunAsync(TimeSpan.FromSeconds(1));
        }

        Assert.NotNull(costs.Refused);
        Assert.True(harness.Loop.Latest!.Controlling, "a session write that failed must not fail the cycle");
        Assert.Equal(0, harness.Loop.FailedCyclesInARow);
        Assert.Null((await harness.Store.Sessions.GetAsync(costs.Refused, ct))!.StoppedAt);
        Assert.DoesNotContain(await SessionCopiesAsync(harness), p => p.Contains(costs.Refused, StringComparison.Ordinal));

        // Later cycles end it again, with its copy; every finished session has exactly one copy.
        await harness.RunAsync(TimeSpan.FromMinutes(30));
        var finished = (await harness.Store.Sessions.ListAsync(1000, 0, null, ct)).Where(s => s.StoppedAt is not null).ToList();
        var copies = await SessionCopiesAsync(harness);
        Assert.Contains(finished, s => s.Id == costs.Refused);
        Assert.Equal(finished.Count, copies.Count);
        Assert.All(finished, s => Assert.Single(copies, p => p.Contains(s.Id, StringComparison.Ordinal)));

        // Each carries its usage: readings from start to stop, and idle plus paused time within its duration.
        Assert.All(finished, s =>
        {
            Assert.True(s.Usage.Readings.Count >= 2, $"{s.Id} has {s.Usage.Readings.Count} readings");
            Assert.Equal(s.StartedAt, s.Usage.Readings[0].At);
            Assert.Equal(s.StoppedAt, s.Usage.Readings[^1].At);
            Assert.True(s.Usage.Idle + s.Usage.Paused <= s.StoppedAt - s.StartedAt);
        });
    }

    private static async Task<List<string>> SessionCopiesAsync(SimulatedSiteHarness harness) =>
        (await harness.Store.Outbox.PeekAsync(10_000, CancellationToken.None)).Where(m => m.Topic == CloudTopics.Sessions).Select(m => m.Payload).ToList();

    /// <summary>No pricing, except that the first finished session's cost cannot be computed (a fault to survive).</summary>
    private sealed class FailOnceCostSource : ISessionCostSource
    {
        public string? Refused { get; private set; }

        public Task<string?> TariffForAsync(string chargerId, int connectorId, string? idTag, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

        public SessionCost? CostOf(ChargingSession session, DateTimeOffset asOf)
        {
            if (session.StoppedAt is not null && Refused is null)
            {
                Refused = session.Id;
                throw new InvalidOperationException("the tariff could not be read");
            }

            return null;
        }
    }
}
