using ChargeNet.Drivers.Simulation;
using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.LoadBalancer;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>A finished session of a simulated (or Modbus) charger and its cloud outbox copy are written in one transaction.</summary>
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
    public async Task A_finished_session_and_its_outbox_copy_are_stored_together_or_not_at_all()
    {
        var ct = CancellationToken.None;
        var site = SimulatedSiteHarness.AllSimulated(DemoSiteConfiguration.Create());
        await using var harness = await SimulatedSiteHarness.StartAsync(site, BusySite, new FairShareStrategy());
        using var outbox = new CloudOutbox(harness.Store, harness.Events, Options.Create(new CloudSyncOptions()), harness.Time, NullLogger<CloudOutbox>.Instance);
        using var feeder = new CloudOutboxFeeder(outbox, harness.Events, harness.Store, NullLogger<CloudOutboxFeeder>.Instance, harness.Sessions);
        string? refused = null;
        harness.Sessions.SessionFinished += s =>
        {
            if (refused is null)
            {
                refused = s.Id;
                throw new IOException("disk full");
            }
        };

        // The first session to end fails its write (after the feeder queued its copy): neither is kept, and that cycle fails.
        for (var second = 0; refused is null && second < 30 * 60; second++)
        {
            await harness.RunAsync(TimeSpan.FromSeconds(1));
        }

        Assert.NotNull(refused);
        Assert.False(harness.Loop.Latest!.Controlling, "the cycle whose session write failed counts as failed");
        Assert.Null((await harness.Store.Sessions.GetAsync(refused, ct))!.StoppedAt);
        Assert.DoesNotContain(await SessionCopiesAsync(outbox), p => p.Contains(refused, StringComparison.Ordinal));

        // Later cycles end it again, with its copy; every finished session has exactly one copy.
        await harness.RunAsync(TimeSpan.FromMinutes(30));
        var finished = (await harness.Store.Sessions.ListAsync(1000, 0, null, ct)).Where(s => s.StoppedAt is not null).ToList();
        var copies = await SessionCopiesAsync(outbox);
        Assert.Contains(finished, s => s.Id == refused);
        Assert.Equal(finished.Count, copies.Count);
        Assert.All(finished, s => Assert.Single(copies, p => p.Contains(s.Id, StringComparison.Ordinal)));
    }

    private static async Task<List<string>> SessionCopiesAsync(CloudOutbox outbox) =>
        (await outbox.PeekAsync(10_000, CancellationToken.None)).Where(m => m.Topic == CloudTopics.Sessions).Select(m => m.Payload).ToList();
}
