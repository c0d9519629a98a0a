namespace ChargeNet.SiteSimulator;

/// <summary>
/// Property 4: after the grid meter fails, the time until the cars together stay at or under the
/// fallback current on every phase, for the rest of the fault; and the most they drew above it once
/// the bound (meterTimeoutS + one cycle + dead time) had passed.
/// </summary>
internal sealed class FallbackScore(ScoreContext context)
{
    private const double Epsilon = 0.01;

    private DateTimeOffset? _failedAt;
    private DateTimeOffset? _lastOver;
    private double? _worstS;
    private double _excessAfterBoundA;

    public void Observe(DateTimeOffset now, TimeSpan dt)
    {
        foreach (var kind in context.KindsAt(now))
        {
            if (kind == DisturbanceKind.MeterFailed)
            {
                _failedAt = now;
                _lastOver = null;
            }
            else if (kind == DisturbanceKind.MeterRecovered && _failedAt is { } failed)
            {
                Close(failed);
                _failedAt = null;
            }
        }

        if (_failedAt is not { } since)
        {
            return;
        }

        var overA = Enumerable.Range(0, 3).Max(p => context.Site.CarsA(0, p)) - context.FallbackA;
        if (overA > Epsilon)
        {
            _lastOver = now;
            if (now - since > context.FallbackBound)
            {
                _excessAfterBoundA = Math.Max(_excessAfterBoundA, overA);
            }
        }
    }

    public SiteFigures Fill(SiteFigures figures)
    {
        if (_failedAt is { } open)
        {
            Close(open);
        }

        return figures with
        {
            FallbackS = _worstS,
            FallbackBoundS = context.FallbackBound.TotalSeconds,
            FallbackExcessA = _excessAfterBoundA,
        };
    }

    private void Close(DateTimeOffset failedAt)
    {
        var seconds = _lastOver is { } last ? (last - failedAt).TotalSeconds + 0.1 : 0;
        _worstS = Math.Max(_worstS ?? 0, seconds);
    }
}
