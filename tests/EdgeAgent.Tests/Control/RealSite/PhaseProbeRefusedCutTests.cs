using ChargeNet.EdgeAgent.Control;
using ChargeNet.SiteSimulator;

namespace ChargeNet.EdgeAgent.Tests.Control.RealSite;

/// <summary>
/// A probe whose cut its charger refuses (docs/control-loop.md, "A car's phases from a probe"; docs/control-loop-sessions.md,
/// Session 35): on sites whose OCPP chargers tell nothing of their cars' phases and refuse every second limit (the real-timing
/// e2e's CP4), behind the driver's back-off, the refused cut counts at both limits and goes again past the back-off (Session 37) —
/// and the probe goes on to a verdict, which places the car on the phases it draws on. Judged stale instead, the connector's
/// failsafe cut every other car and ended the probe.
/// </summary>
public sealed class PhaseProbeRefusedCutTests
{
    [RealSiteTheory]
    [MemberData(nameof(RefusingPhaselessSite.Sites), MemberType = typeof(RefusingPhaselessSite))]
    public async Task A_probe_whose_cut_its_charger_refused_goes_on_to_a_right_verdict(int seed, double deadTimeS)
    {
        await using var site = await RefusingPhaselessSite.StartAsync(seed, deadTimeS);
        var count = site.Site.Physics.Connectors.Count;
        var refusedAtTry = new int?[count];
        var triesBefore = new int[count];
        var cutSeenAt = new DateTimeOffset?[count];
        var maskBefore = new int[count];
        var judgedOn = new SimCar?[count];
        var placedAfterRefusal = new List<string>();
        var wrong = new List<string>();
        site.Observer = s =>
        {
            var now = s.Time.GetUtcNow();
            var gridUnknown = s.Loop.Latest?.Grid is { Fallback: true };
            var connectors = s.Loop.Connectors;
            for (var i = 0; i < connectors.Count; i++)
            {
                var runtime = connectors[i];
                var car = runtime.Car;

                // The probe's cut, refused: a limit of its value refused since the probe began (its cut goes out in the cycle that
                // starts it, a cycle before this look at most), remembered with the try it belongs to (a probe that ends counts one).
                var probeCutA = s.Loop.ProbeCutOf(i);
                cutSeenAt[i] = probeCutA is null ? null : cutSeenAt[i] ?? now;
                if (probeCutA is { } cutA && cutSeenAt[i] is { } since
                    && runtime.History.Epochs.Any(e => e.LimitA == cutA && e.State == LimitEpochState.Rejected && e.From >= since - TimeSpan.FromSeconds(1)))
                {
                    refusedAtTry[i] ??= car.ProbesTried;
                }

                // Placed — a verdict new since the last look — by the very probe whose cut was refused: no try ended between.
                if (maskBefore[i] == 0 && car.ProbedPhaseMask != 0 && refusedAtTry[i] is { } tried)
                {
                    if (tried == triesBefore[i])
                    {
                        placedAfterRefusal.Add($"{runtime.ChargerId} on mask {car.ProbedPhaseMask}");
                    }

                    refusedAtTry[i] = null;
                }

                // A probe that ended since (a try counted), or that the grid meter turning unknown ended (none counted): the refusal
                // is no longer the running probe's.
                if (refusedAtTry[i] is { } triedThen && (triedThen != car.ProbesTried || gridUnknown))
                {
                    refusedAtTry[i] = null;
                }

                triesBefore[i] = car.ProbesTried;
                maskBefore[i] = car.ProbedPhaseMask;

                // The car a verdict was judged on draws on no phase it is not counted on (a one-phase car on the charger's L1).
                var physical = s.Site.Physics.Connectors.Single(c => c.ChargerId == runtime.ChargerId && c.ConnectorId == runtime.ConnectorId);
                judgedOn[i] = car.ProbedPhaseMask == 0 ? null : judgedOn[i] ?? physical.Car;
                var drawsOn = physical.CarPhases == 1 ? 0b001 : 0b111;
                if (judgedOn[i] is { } judged && physical.Car == judged && (drawsOn & ~car.ProbedPhaseMask) != 0)
                {
                    wrong.Add($"{runtime.ChargerId}: a {physical.CarPhases}-phase car counted on mask {car.ProbedPhaseMask}");
                }
            }
        };

        await site.RunAsync(RealSiteRun.Duration);

        Assert.True(site.FailedCycles == 0, $"{site.FailedCycles} cycles failed, the last with {site.LastCycleError}");
        Assert.True(placedAfterRefusal.Count > 0, "no probe went on to a verdict after its charger refused its cut");
        Assert.True(wrong.Count == 0, $"counted on fewer phases than drawn on: {string.Join("; ", wrong.Distinct().Take(5))}");
    }
}
