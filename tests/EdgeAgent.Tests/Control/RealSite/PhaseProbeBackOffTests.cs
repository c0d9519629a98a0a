using ChargeNet.SiteSimulator;

namespace ChargeNet.EdgeAgent.Tests.Control.RealSite;

/// <summary>
/// The probed car's limits pass its OCPP driver's back-off after one refusal in a stage (docs/control-loop.md, "A car's phases from a
/// probe"; docs/control-loop-sessions.md, Session 37): the whole site waits on the stage, and a charger that takes one profile in two
/// (the real-timing e2e's CP4) held each stage 5 s more. On the refused-cut test's sites — phaseless chargers behind the driver's
/// back-off, a third of them refusing every second limit — a raise the probed car's charger refused during its probe reaches it again
/// within a cycle of the refusal, while a raise refused to any connector no probe holds waits out the back-off.
/// </summary>
public sealed class PhaseProbeBackOffTests
{
    [RealSiteTheory]
    [MemberData(nameof(RefusingPhaselessSite.Sites), MemberType = typeof(RefusingPhaselessSite))]
    public async Task A_raise_the_probed_cars_charger_refused_goes_again_at_once_and_one_refused_elsewhere_waits_out_the_back_off(int seed, double deadTimeS)
    {
        await using var site = await RefusingPhaselessSite.StartAsync(seed, deadTimeS);

        // The physical connector each moment's probe holds (the loop's index mapped to the simulator's), one look per step.
        var physics = site.Site.Physics.Connectors;
        var probed = new List<(DateTimeOffset At, int? Connector)>();
        site.Observer = s =>
        {
            int? connector = null;
            if (s.Loop.ProbedConnector is { } index && s.Loop.Connectors[index] is var runtime)
            {
                connector = physics.Select((c, k) => (c, k)).First(p => p.c.ChargerId == runtime.ChargerId && p.c.ConnectorId == runtime.ConnectorId).k;
            }

            probed.Add((s.Time.GetUtcNow(), connector));
        };

        await site.RunAsync(RealSiteRun.Duration);
        Assert.True(site.FailedCycles == 0, $"{site.FailedCycles} cycles failed, the last with {site.LastCycleError}");

        int? ProbedAt(DateTimeOffset at) => probed.LastOrDefault(p => p.At <= at).Connector;
        var records = site.Site.Physics.Journal.Records;
        var inProbe = new List<double>();
        var elsewhere = new List<double>();
        for (var r = 0; r < records.Count; r++)
        {
            // A raise refused: above the last limit its charger took, answered Rejected.
            var refused = records[r];
            var taken = records.Take(r).LastOrDefault(x => x.Connector == refused.Connector && x.Outcome == CommandOutcome.Accepted);
            if (refused.Outcome != CommandOutcome.Rejected || taken is null || refused.LimitA <= taken.LimitA)
            {
                continue;
            }

            // The next request of a value at least as high reaching that charger: the same raise asked again.
            var again = records.Skip(r + 1).FirstOrDefault(x => x.Connector == refused.Connector && x.Outcome == CommandOutcome.Requested);
            if (again is null || again.LimitA < refused.LimitA)
            {
                continue;
            }

            var gapS = (again.At - refused.At).TotalSeconds;
            (ProbedAt(refused.At) == refused.Connector && ProbedAt(again.At) == refused.Connector ? inProbe : elsewhere).Add(gapS);
        }

        Assert.True(inProbe.Count > 0, "no raise of a probed car was refused during its probe: the test shows nothing");
        Assert.True(inProbe.Max() <= 1.5, $"a probed car's refused raise went again {inProbe.Max():0.0} s after its refusal (all: {string.Join(", ", inProbe.Select(g => g.ToString("0.0")))})");
        Assert.True(elsewhere.Count > 0 && elsewhere.Min() >= 4.5, $"a raise refused where no probe held the site went again after {elsewhere.DefaultIfEmpty().Min():0.0} s: the back-off");
    }
}
