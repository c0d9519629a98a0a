using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// A limit its charger leaves unanswered for longer than it takes to answer is overdue: the balancer counts its car at what it may
/// still draw, and the other cars are cut for it long before the driver's write timeout (docs/control-loop.md, "An overdue limit").
/// </summary>
public sealed class OverdueLimitTests
{
    private const string ChargerId = QueuedCutTests.ChargerId;

    [Fact]
    public async Task A_cut_left_unanswered_by_a_charger_that_answers_at_once_has_the_other_car_cut_for_it_before_the_write_timeout()
    {
        // The same site and the same lost cut; only how fast CP003 answered its limits before differs. 1 s after it was sent the cut is
        // overdue where CP003 answered every limit at once: CP003 counts at the 16 A it may still draw and the other car is cut for it —
        // seconds before the loop's write timeout (5 s) would say the cut was not taken. Where CP003 takes 2 s to answer, 1 s is no sign
        // of a lost cut: the other car keeps what the hedge for cuts not yet taken leaves it.
        var (fastOverdue, fastOtherA) = await OtherCarBesideALostCutAsync(TimeSpan.Zero);
        var (slowOverdue, slowOtherA) = await OtherCarBesideALostCutAsync(TimeSpan.FromSeconds(2));

        Assert.True(fastOverdue, "the cut of a charger that answers at once is not overdue 1 s after it was sent");
        Assert.False(slowOverdue, "the cut of a charger that takes 2 s to answer is overdue 1 s after it was sent");
        Assert.True(fastOtherA <= slowOtherA - 1.5, $"beside the overdue cut the other car has {fastOtherA} A, beside the one on its way {slowOtherA} A");
    }

    // The building's load steps up 16 A a phase; CP003, which answers its limits after answerAfter, loses the cut it is sent (its car stays at
    // 16 A). A cycle after that cut: whether it is overdue, and the other car's limit.
    private static async Task<(bool Overdue, double OtherA)> OtherCarBesideALostCutAsync(TimeSpan answerAfter)
    {
        var (harness, charger) = await StartAsync(answerAfter);
        await using var site = harness;
        await AnswerSomeLimitsAsync(harness);

        charger.LoseNext();
        harness.Site.BaseLoad.StepA = new(QueuedCutTests.StepA, QueuedCutTests.StepA, QueuedCutTests.StepA);
        for (var deadline = harness.Time.GetUtcNow() + TimeSpan.FromSeconds(3); !charger.Losing && harness.Time.GetUtcNow() < deadline;)
        {
            await harness.RunAsync(TimeSpan.FromSeconds(1));
        }

        Assert.True(charger.Losing, "CP003 was sent no cut after the step");
        await harness.RunAsync(TimeSpan.FromSeconds(1));
        Assert.True(charger.Losing, "the cut was answered");
        return (QueuedCutTests.Input(harness).LimitOverdue, TwoCarSite.Connector(harness.Loop.Latest!, QueuedCutTests.OtherId).LimitA ?? 0);
    }

    [Fact]
    public async Task The_running_loop_plans_again_at_the_moment_a_limit_turns_overdue_not_at_its_next_reading()
    {
        // The grid meter is read every 2 s and the period is 1 s; CP003 answers at once, so its limit is overdue a quarter second
        // after it was sent — between two cycles. A cycle runs then: at a depot's 1 s period a step's grace has no period to spare.
        var (harness, chargers, statuses) = await StartRunningAsync(TimeSpan.Zero, ChargerId);
        await using var site = harness;
        using var stop = new CancellationTokenSource();
        await harness.Loop.StartAsync(stop.Token);
        await AnswerSomeLimitsRunningAsync(harness, ChargerId);
        var charger = chargers[ChargerId];
        Assert.True(charger.Answered >= AnswerTimes.Needed, $"CP003 answered {charger.Answered} limits");

        charger.LoseNext();
        harness.ManualLimits.Set(new ManualLimit(ChargerId, null, 10, harness.Time.GetUtcNow(), "test", null));
        await ControlLoopTriggerTests.AdvanceUntilAsync(harness, () => charger.LostAt is not null, TimeSpan.FromSeconds(3));
        var overdueAt = charger.LostAt!.Value + AnswerTimes.LeastSlack;
        await ControlLoopTriggerTests.AdvanceAsync(harness, TimeSpan.FromSeconds(1));

        var next = ControlLoopTriggerTests.Snapshot(statuses).First(s => s.Ts > charger.LostAt.Value);
        Assert.True(next.Ts >= overdueAt && next.Ts <= overdueAt + ControlLoopTriggerTests.Step,
            $"the limit sent at {charger.LostAt:O} was overdue from {overdueAt:O}; the next cycle ran at {next.Ts:O}");
        Assert.True(harness.Loop.LastSnapshot!.Connectors.Single(c => c.ChargerId == ChargerId).LimitOverdue);

        await stop.CancelAsync();
        await harness.Loop.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_second_limit_turning_overdue_wakes_a_cycle_while_the_first_is_still_unanswered()
    {
        // CP003 loses a call, and a second later CP004 loses one: CP004's overdue moment wakes a cycle too, though CP003's, already
        // past, is still unanswered (it stays so until the write timeout, 5 s). The nine CP6 copies of the at-scale run lose theirs
        // one after another so.
        var (harness, chargers, statuses) = await StartRunningAsync(TimeSpan.Zero, ChargerId, QueuedCutTests.OtherId);
        await using var site = harness;
        using var stop = new CancellationTokenSource();
        await harness.Loop.StartAsync(stop.Token);
        await AnswerSomeLimitsRunningAsync(harness, ChargerId, QueuedCutTests.OtherId);

        var first = chargers[ChargerId];
        first.LoseNext();
        harness.ManualLimits.Set(new ManualLimit(ChargerId, null, 10, harness.Time.GetUtcNow(), "test", null));
        await ControlLoopTriggerTests.AdvanceUntilAsync(harness, () => first.LostAt is not null, TimeSpan.FromSeconds(3));
        await ControlLoopTriggerTests.AdvanceAsync(harness, TimeSpan.FromSeconds(0.5));

        var second = chargers[QueuedCutTests.OtherId];
        second.LoseNext();
        harness.ManualLimits.Set(new ManualLimit(QueuedCutTests.OtherId, null, 10, harness.Time.GetUtcNow(), "test", null));
        await ControlLoopTriggerTests.AdvanceUntilAsync(harness, () => second.LostAt is not null, TimeSpan.FromSeconds(3));
        var overdueAt = second.LostAt!.Value + AnswerTimes.LeastSlack;
        await ControlLoopTriggerTests.AdvanceAsync(harness, TimeSpan.FromSeconds(1));

        Assert.True(first.Losing, "CP003's call was answered or given up");
        var next = ControlLoopTriggerTests.Snapshot(statuses).First(s => s.Ts > second.LostAt.Value);
        Assert.True(next.Ts >= overdueAt && next.Ts <= overdueAt + ControlLoopTriggerTests.Step,
            $"CP004's limit sent at {second.LostAt:O} was overdue from {overdueAt:O}; the next cycle ran at {next.Ts:O}");

        await stop.CancelAsync();
        await harness.Loop.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_limit_answered_in_time_wakes_no_cycle()
    {
        // Both chargers answer after 0.1 s, so a limit would be overdue 0.35 s after its send. Limits come and go every second for
        // ten seconds, each answered in time: the cycles run on the meter's readings (every 2 s) and the period (1 s) alone.
        var (harness, _, statuses) = await StartRunningAsync(TimeSpan.FromMilliseconds(100), ChargerId, QueuedCutTests.OtherId);
        await using var site = harness;
        using var stop = new CancellationTokenSource();
        await harness.Loop.StartAsync(stop.Token);
        await AnswerSomeLimitsRunningAsync(harness, ChargerId, QueuedCutTests.OtherId);

        var from = harness.Time.GetUtcNow();
        for (var k = 0; k < 10; k++)
        {
            harness.ManualLimits.Set(new ManualLimit(ChargerId, null, k % 2 == 0 ? 9 : 12, harness.Time.GetUtcNow(), "test", null));
            await ControlLoopTriggerTests.AdvanceAsync(harness, TimeSpan.FromSeconds(1));
        }

        var cycles = ControlLoopTriggerTests.Snapshot(statuses).Where(s => s.Ts > from).ToList();
        Assert.All(cycles, s => Assert.True(s.Ts.Millisecond == 0, $"a cycle ran at {s.Ts:O}, off the meter's and the period's second"));
        Assert.InRange(cycles.Count, 9, 11);

        await stop.CancelAsync();
        await harness.Loop.StopAsync(CancellationToken.None);
    }

    // The two cars at noon on the running loop's site (the grid meter read every 2 s, the period 1 s), the named chargers answering
    // after answerAfter and able to lose a call; every status recorded.
    private static async Task<(SimulatedSiteHarness Harness, IReadOnlyDictionary<string, CallLosing> Chargers, List<SiteStatus> Statuses)> StartRunningAsync(
        TimeSpan answerAfter, params string[] chargerIds)
    {
        var two = TwoCarSite.Configuration();
        var site = two with { Meters = [.. two.Meters.Select(m => m with { PollIntervalS = 2 })] };
        TwoCarSite.ChargersWrapped<CallLosing>? wrapped = null;
        SimulatedSiteHarness? started = null;
        var harness = started = await SimulatedSiteHarness.StartAsync(site, TwoCarSite.Cars, new FairShareStrategy(),
            devices: simulated => wrapped = new(simulated, chargerIds, charger => new CallLosing(charger, answerAfter, () => started!.Time)));
        return (harness, wrapped!.Chargers, ControlLoopTriggerTests.Record(harness.Loop));
    }

    // Limits set and cleared on the running loop, enough for each charger's answer time to be judged.
    private static async Task AnswerSomeLimitsRunningAsync(SimulatedSiteHarness harness, params string[] chargerIds)
    {
        foreach (var limitA in new[] { 15, 14, 15, 14, 13 })
        {
            foreach (var id in chargerIds)
            {
                harness.ManualLimits.Set(new ManualLimit(id, null, limitA, harness.Time.GetUtcNow(), "test", null));
            }

            await ControlLoopTriggerTests.AdvanceAsync(harness, TimeSpan.FromSeconds(8));
        }
    }

    [Fact]
    public async Task A_charger_with_too_few_answers_known_is_not_judged_overdue()
    {
        var (harness, charger) = await StartAsync();
        await using var site = harness;
        charger.LoseNext();
        harness.ManualLimits.Set(new ManualLimit(ChargerId, null, 12, harness.Time.GetUtcNow(), "test", null));
        await harness.RunAsync(TimeSpan.FromSeconds(3));

        Assert.True(charger.Losing);
        Assert.True(charger.Answered < AnswerTimes.Needed, $"CP003 answered {charger.Answered} limits in its first minute");
        Assert.False(QueuedCutTests.Input(harness).LimitOverdue);
    }

    // Limits taken one after another, each answered at once: enough answers to judge CP003's answer time by.
    private static async Task AnswerSomeLimitsAsync(SimulatedSiteHarness harness)
    {
        foreach (var limitA in new[] { 15, 14, 15, 14 })
        {
            harness.ManualLimits.Set(new ManualLimit(ChargerId, null, limitA, harness.Time.GetUtcNow(), "test", null));
            await harness.RunAsync(TimeSpan.FromSeconds(8));
        }

        harness.ManualLimits.Clear(ChargerId, null);
        for (var deadline = harness.Time.GetUtcNow() + TimeSpan.FromSeconds(30);
            TwoCarSite.Connector(harness.Loop.Latest!, ChargerId).LimitA < 16 && harness.Time.GetUtcNow() < deadline;)
        {
            await harness.RunAsync(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(16, TwoCarSite.Connector(harness.Loop.Latest!, ChargerId).LimitA);
    }

    // The two cars charging at 16 A a minute past noon, CP003 able to lose a call.
    private static async Task<(SimulatedSiteHarness Harness, CallLosing Charger)> StartAsync(TimeSpan answerAfter = default)
    {
        TwoCarSite.OneChargerWrapped<CallLosing>? wrapped = null;
        SimulatedSiteHarness? started = null;
        var harness = started = await SimulatedSiteHarness.StartAsync(TwoCarSite.Configuration(), TwoCarSite.Cars, new FairShareStrategy(),
            devices: simulated => wrapped = new(simulated, ChargerId, charger => new CallLosing(charger, answerAfter, () => started!.Time)));
        await harness.RunAsync(TimeSpan.FromSeconds(60));
        return (harness, wrapped!.Charger!);
    }

    /// <summary>A charger that answers after <paramref name="answerAfter"/>; told to, it leaves the next call unanswered until the caller gives up on it.</summary>
    private sealed class CallLosing(ICharger inner, TimeSpan answerAfter, Func<TimeProvider> time) : ICharger
    {
        private int _lose;
        private int _losing;
        private int _answered;

        public string Id => inner.Id;

        public void LoseNext() => Volatile.Write(ref _lose, 1);

        /// <summary>A call is being lost now.</summary>
        public bool Losing => Volatile.Read(ref _losing) > 0;

        /// <summary>When the call it is losing came, on its clock; null before the first.</summary>
        public DateTimeOffset? LostAt { get; private set; }

        /// <summary>How many calls it answered.</summary>
        public int Answered => Volatile.Read(ref _answered);

        public Task<ChargerStatus> ReadStatusAsync(CancellationToken cancellationToken) => inner.ReadStatusAsync(cancellationToken);

        public async Task<SetpointResult> SetCurrentLimitAsync(int connectorId, double limitA, CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref _lose, 0) == 1)
            {
                LostAt = time().GetUtcNow();
                Interlocked.Increment(ref _losing);
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                finally
                {
                    Interlocked.Decrement(ref _losing);
                }
            }

            if (answerAfter > TimeSpan.Zero)
            {
                await Task.Delay(answerAfter, time(), cancellationToken);
            }

            var result = await inner.SetCurrentLimitAsync(connectorId, limitA, cancellationToken);
            Interlocked.Increment(ref _answered);
            return result;
        }
    }
}
