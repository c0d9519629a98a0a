using ChargeNet.EdgeAgent.Control;

namespace ChargeNet.SiteSimulator;

/// <summary>
/// How far the loop's estimate of the load nobody controls at the grid (<see cref="GridView.UncontrolledA"/>, what it plans
/// new limits around) fell under the truth, per grid phase: the largest shortfall and the shortfall integrated over time.
/// An estimate under the truth hands the cars room that is not there (docs/control-loop-sessions.md, Session 20). Not scored: the
/// grace after a rise of the uncontrolled load (the estimate is a reading behind a step), and while the grid meter is in
/// its fallback (the estimate is then the fallback's, not the meter's).
/// </summary>
internal sealed class EstimateScore(ScoreContext context)
{
    private readonly double[] _maxUnderA = new double[3];
    private readonly double[] _underAs = new double[3];

    public void Observe(DateTimeOffset now, TimeSpan dt, GridView? grid)
    {
        if (grid is not { UncontrolledA: { } estimated, Fallback: false } || context.RiseInGrace(now) is not null)
        {
            return;
        }

        for (var p = 0; p < 3; p++)
        {
            var underA = context.Site.UncontrolledA(0, p) - estimated[p];
            if (underA > 0)
            {
                _maxUnderA[p] = Math.Max(_maxUnderA[p], underA);
                _underAs[p] += underA * dt.TotalSeconds;
            }
        }
    }

    public SiteFigures Fill(SiteFigures figures, TimeSpan duration) => figures with
    {
        MaxUnderEstimateA = [.. _maxUnderA],
        UnderEstimateAsPerHour = [.. _underAs.Select(a => duration > TimeSpan.Zero ? a / duration.TotalHours : 0)],
    };
}
