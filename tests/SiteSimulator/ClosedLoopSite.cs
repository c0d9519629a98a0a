using ChargeNet.EdgeAgent.Control;
using ChargeNet.LoadBalancer;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.SiteSimulator;

/// <summary>
/// A simulated site and the real control loop on one fake clock. Every physics step (100 ms) the
/// clock moves on, the cars follow what their chargers offered a dead time ago, the script runs, the
/// devices' due answers are given and the score measures the truth; every 0.5 s the grid meter is
/// polled (as the meter's feed does) and a cycle runs (as a new reading triggers one). As fast as the CPU allows.
/// </summary>
public sealed class ClosedLoopSite : IAsyncDisposable
{
    public static readonly TimeSpan PhysicsStep = TimeSpan.FromMilliseconds(100);

    /// <summary>The grid meter's poll period, which is also how often a cycle runs while the meter reads.</summary>
    public static readonly TimeSpan MeterPoll = TimeSpan.FromMilliseconds(500);

    /// <summary>The loop's own period: a cycle runs at least this often.</summary>
    public static readonly TimeSpan CyclePeriod = TimeSpan.FromSeconds(1);

    private readonly IAllocationStrategy _strategy;
    private readonly ControlLoopOptions? _options;
    private Task? _poll;
    private long _steps;

    private ClosedLoopSite(FakeTimeProvider time, BuiltSite site, LoopRig rig, IAllocationStrategy strategy, ControlLoopOptions? options)
    {
        Time = time;
        Site = site;
        Rig = rig;
        _strategy = strategy;
        _options = options;
        Score = new SiteScore(site, time.GetUtcNow());
    }

    public FakeTimeProvider Time { get; }

    public BuiltSite Site { get; }

    public LoopRig Rig { get; private set; }

    public ControlLoop Loop => Rig.Loop;

    public SiteScore Score { get; }

    /// <summary>Cycles that threw, and the last exception.</summary>
    public int FailedCycles { get; private set; }

    public Exception? LastCycleError { get; private set; }

    /// <summary>Called after every physics step, for traces.</summary>
    public Action<ClosedLoopSite>? Observer { get; set; }

    /// <summary>Builds the site and starts its loop; <paramref name="options"/>: the loop's options (none: the defaults).</summary>
    public static async Task<ClosedLoopSite> StartAsync(SiteRecipe recipe, IAllocationStrategy? strategy = null, ControlLoopOptions? options = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var site = SiteBuilder.Build(recipe, time.GetUtcNow());
        strategy ??= new FairShareStrategy();
        var rig = await LoopRig.StartAsync(site.Configuration, site.Devices, time, strategy, options: options).ConfigureAwait(false);
        return new ClosedLoopSite(time, site, rig, strategy, options);
    }

    /// <summary>
    /// The edge restarts: a new loop, store and registry over the same devices, which keep what they were told — but for the chargers
    /// whose status comes late (<see cref="OcppLikeCharger.EdgeRestarted"/>).
    /// </summary>
    public async Task RestartLoopAsync()
    {
        await Rig.DisposeAsync().ConfigureAwait(false);
        _poll = null;
        foreach (var charger in Site.OcppChargers)
        {
            charger.EdgeRestarted(Time.GetUtcNow());
        }

        Rig = await LoopRig.StartAsync(Site.Configuration, Site.Devices, Time, _strategy, options: _options).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the site for <paramref name="duration"/>. On a pool thread: a continuation is run inline
    /// only where no synchronization context is current (a test runner's would queue the loop's
    /// continuations to other threads, and two runs of one seed would differ).
    /// </summary>
    public Task RunAsync(TimeSpan duration) => Task.Run(() => RunOnPoolAsync(duration));

    private async Task RunOnPoolAsync(TimeSpan duration)
    {
        var stepsPerPoll = (int)(MeterPoll / PhysicsStep);
        var end = Time.GetUtcNow() + duration;
        while (Time.GetUtcNow() < end)
        {
            Time.Advance(PhysicsStep);
            var now = Time.GetUtcNow();
            Site.Physics.Step(now, PhysicsStep);
            Site.Timeline.RunDue(now);
            Site.Answers.RunDue(now);
            foreach (var charger in Site.OcppChargers)
            {
                charger.Report(now);
            }

            Score.Observe(now, PhysicsStep, Loop.Latest?.Grid);
            if (++_steps % stepsPerPoll == 0)
            {
                await PollAndCycleAsync().ConfigureAwait(false);
            }

            Observer?.Invoke(this);
        }
    }

    public SiteFigures Figures() => Score.Figures();

    public ValueTask DisposeAsync() => Rig.DisposeAsync();

    private async Task PollAndCycleAsync()
    {
        // A poll that has not answered yet (a silent meter) is left to its read timeout, as the feed does.
        if (_poll is null || _poll.IsCompleted)
        {
            _poll = Loop.PollGridMeterAsync(CancellationToken.None);
        }

        try
        {
            await Loop.RunCycleAsync(CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The daemon logs a failed cycle and goes on; so does the simulator, counting it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            FailedCycles++;
            LastCycleError = ex;
        }
    }
}
