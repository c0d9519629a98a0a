using ChargeNet.EdgeAgent.Control;

namespace ChargeNet.SiteSimulator;

/// <summary>
/// The figures of a run, measured on the simulator's ground truth after every physics step: car-caused
/// overload and reaction to rises (<see cref="OverloadScore"/>), capacity use (<see cref="CapacityScore"/>),
/// limit changes and pause/resume cycles (<see cref="StabilityScore"/>), the longest wait
/// (<see cref="WaitScore"/>), fallback time
/// (<see cref="FallbackScore"/>), raises before decreases (<see cref="OrderScore"/>) and how far the loop's estimate of the
/// load nobody controls fell under the truth (<see cref="EstimateScore"/>).
/// </summary>
public sealed class SiteScore
{
    private readonly ScoreContext _context;
    private readonly OverloadScore _overload;
    private readonly CapacityScore _capacity;
    private readonly StabilityScore _stability;
    private readonly WaitScore _wait;
    private readonly FallbackScore _fallback;
    private readonly OrderScore _order;
    private readonly EstimateScore _estimate;
    private DateTimeOffset _last;

    public SiteScore(BuiltSite site, DateTimeOffset start)
    {
        _context = ScoreContext.For(site, start);
        _overload = new OverloadScore(_context);
        _capacity = new CapacityScore(_context);
        _stability = new StabilityScore(_context);
        _wait = new WaitScore(_context);
        _fallback = new FallbackScore(_context);
        _order = new OrderScore(_context);
        _estimate = new EstimateScore(_context);
        _last = start;
    }

    /// <param name="grid">What the loop last planned around at the grid (its estimate of the load nobody controls); null: not scored.</param>
    public void Observe(DateTimeOffset now, TimeSpan dt, GridView? grid = null)
    {
        _estimate.Observe(now, dt, grid);
        _overload.Observe(now, dt);
        _capacity.Observe(now, dt);
        _stability.Observe(now, dt);
        _wait.Observe(now);
        _fallback.Observe(now, dt);
        _order.Observe();
        _last = now;
    }

    public SiteFigures Figures()
    {
        var figures = _overload.Fill(new SiteFigures(), _last - _context.Start);
        figures = _capacity.Fill(figures);
        figures = _stability.Fill(figures);
        figures = _wait.Fill(figures);
        figures = _fallback.Fill(figures);
        figures = _estimate.Fill(figures, _last - _context.Start);
        return _order.Fill(figures);
    }
}
