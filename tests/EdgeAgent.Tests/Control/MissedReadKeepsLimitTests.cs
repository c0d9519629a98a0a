using ChargeNet.EdgeAgent.Control;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// A charger that misses a read is stale and counted at the most it may hold; it keeps the limit it was last sent for
/// <see cref="ControlLoopOptions.MissedReadHold"/> instead of being sent its failsafe, which only cut its car and, while the
/// car answered, left a draw the estimate could not follow (docs/control-loop.md, Session 28; site bench seed 17
/// <c>--one-call</c> at 5 s, wb0001 at 86.5 s: 21 → 6 A, and three cars paused for the unsure base that followed).
/// </summary>
public sealed class MissedReadKeepsLimitTests
{
    private const string Missing = "CP003";

    // The setting is off by default (docs/configuration.md): these tests turn it on at the length it was measured with.
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task One_missed_read_leaves_its_car_the_limit_it_had()
    {
        var (harness, charger, heldA) = await ChargingAsync();
        await using var _ = harness;

        // (The other car may still be cut for that cycle: the missed charger's draw stays in the grid reading while it is
        // counted at the most it may hold — counted twice, docs/control-loop.md, Session 27's `missedread27`, not merged.)
        charger.MissReads(1);
        var staleCycles = 0;
        var cuts = new List<string>();
        await harness.RunAsync(TimeSpan.FromSeconds(10), h =>
        {
            var missing = TwoCarSite.Connector(h.Loop.Latest!, Missing);
            staleCycles += missing.Reason == "staleData" ? 1 : 0;
            if (missing.LimitA < heldA)
            {
                cuts.Add($"{(h.Time.GetUtcNow() - SimulatedSiteHarness.Start).TotalSeconds:0.00} s: {missing.LimitA} A {missing.Reason}");
            }
        });

        Assert.Equal(1, charger.Missed);
        Assert.True(staleCycles > 0, $"{Missing} was never stale");
        Assert.True(cuts.Count == 0, $"one missed read cut {Missing} from {heldA} A: {cuts.FirstOrDefault()}, and in {cuts.Count} observations of 40");
    }

    [Fact]
    public async Task A_charger_silent_past_the_hold_is_sent_its_failsafe()
    {
        var (harness, charger, heldA) = await ChargingAsync();
        await using var _ = harness;

        // Its port closed: no read, no write. Within the hold it keeps its limit; past it (and a cycle), the failsafe.
        charger.Silent = true;
        var silentAt = harness.Time.GetUtcNow();
        var hold = Hold;
        var within = new List<double>();
        var past = new List<double>();
        await harness.RunAsync(TimeSpan.FromSeconds(12), h =>
        {
            var silentFor = h.Time.GetUtcNow() - silentAt;
            var limitA = TwoCarSite.Connector(h.Loop.Latest!, Missing).LimitA ?? double.NaN;
            (silentFor < hold ? within : silentFor > hold + TimeSpan.FromSeconds(2) ? past : []).Add(limitA);
        });

        Assert.True(within.Count > 0 && within.All(a => a == heldA), $"within {hold.TotalSeconds} s of falling silent {Missing} was sent {string.Join(", ", within.Distinct())} A, not kept at {heldA} A");
        Assert.True(past.Count > 0 && past.All(a => a <= 6), $"silent past {hold.TotalSeconds} s {Missing} was sent {string.Join(", ", past.Distinct())} A, not its 6 A failsafe");
    }

    // The demo's CP003 and CP004 with their cars charging for a minute; CP003 behind a charger that can miss its reads.
    private static async Task<(SimulatedSiteHarness Harness, ReadMissingCharger Charger, double HeldA)> ChargingAsync()
    {
        TwoCarSite.OneChargerWrapped<ReadMissingCharger>? wrapped = null;
        var harness = await SimulatedSiteHarness.StartAsync(TwoCarSite.Configuration(), TwoCarSite.Cars, new FairShareStrategy(),
            devices: simulated => wrapped = new(simulated, Missing, charger => new ReadMissingCharger(charger)),
            loopOptions: new ControlLoopOptions { MissedReadHold = Hold });
        await harness.RunAsync(TimeSpan.FromSeconds(60));
        var heldA = TwoCarSite.Connector(harness.Loop.Latest!, Missing).LimitA!.Value;
        Assert.True(heldA > 6, $"{Missing} held {heldA} A, not over its 6 A failsafe");
        return (harness, wrapped!.Charger!, heldA);
    }
}
