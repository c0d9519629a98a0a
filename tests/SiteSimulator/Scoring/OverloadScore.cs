using System.Globalization;

namespace ChargeNet.SiteSimulator;

/// <summary>
/// Property 1: on every phase of every circuit node, the car-caused overload is the part of the
/// current above max(limit, uncontrolled load); it is not counted in the grace (dead time + 1 s) after
/// a rise of the uncontrolled load, nor in that of the start. After each rise, the time until the grid is back under its limit.
/// </summary>
internal sealed class OverloadScore(ScoreContext context)
{
    // Ground truth has no noise; this only absorbs floating-point sums.
    private const double Epsilon = 0.01;

    private readonly List<double> _reactions = [];
    private double _maxA;
    private double _maxAfterWarmUpA;
    private double _integralAs;
    private string? _worst;
    private DateTimeOffset? _openRise;
    private int _rises;

    public void Observe(DateTimeOffset now, TimeSpan dt)
    {
        var site = context.Site;
        // The start is a rise too: cars on chargers still at their own default (a charger silent at start offers its maximum) draw
        // what nobody controlled until the loop's first limits reach them, a dead time later.
        var inGrace = context.RiseInGrace(now) is not null || now - context.Start <= context.Grace;
        var gridOver = false;
        for (var node = 0; node < site.Nodes.Count; node++)
        {
            for (var p = 0; p < 3; p++)
            {
                var ceiling = Math.Max(site.Nodes[node].LimitA, site.UncontrolledA(node, p));
                var excess = site.ActualA(node, p) - ceiling;
                gridOver |= node == 0 && excess > Epsilon;
                if (excess <= Epsilon || inGrace)
                {
                    continue;
                }

                _integralAs += excess * dt.TotalSeconds;
                if (now - context.Start >= ScoreContext.WarmUp)
                {
                    _maxAfterWarmUpA = Math.Max(_maxAfterWarmUpA, excess);
                }

                if (excess > _maxA)
                {
                    _maxA = excess;
                    _worst = string.Create(CultureInfo.InvariantCulture,
                        $"{site.Nodes[node].Id} L{p + 1} at +{(now - context.Start).TotalSeconds:0.0} s: {site.ActualA(node, p):0.0} A of {site.Nodes[node].LimitA:0} A, cars {site.CarsA(node, p):0.0} A");
                }
            }
        }

        TrackReaction(now, gridOver);
    }

    public SiteFigures Fill(SiteFigures figures, TimeSpan duration) => figures with
    {
        MaxOverloadA = _maxA,
        MaxOverloadAfterWarmUpA = _maxAfterWarmUpA,
        OverloadAsPerHour = duration > TimeSpan.Zero ? _integralAs / duration.TotalHours : 0,
        WorstOverload = _worst,
        Rises = _rises,
        LateRecoveries = _reactions.Count(r => r > context.Grace.TotalSeconds + 1e-9),
        MaxReactionS = _reactions.Count > 0 ? _reactions.Max() : null,
    };

    private void TrackReaction(DateTimeOffset now, bool gridOver)
    {
        var step = context.KindsAt(now).Where(k => k is DisturbanceKind.Rise or DisturbanceKind.Fall).ToList();
        if (step.Count > 0)
        {
            if (_openRise is { } open)
            {
                // The load stepped again before the grid was back under its limit.
                _reactions.Add((now - open).TotalSeconds);
                _openRise = null;
            }

            if (step.Contains(DisturbanceKind.Rise))
            {
                _openRise = now;
                _rises++;
            }
        }

        if (_openRise is { } rise && !gridOver)
        {
            _reactions.Add((now - rise).TotalSeconds);
            _openRise = null;
        }
    }
}
