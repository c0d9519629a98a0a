namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>
/// Exponential backoff with full jitter (each wait drawn uniformly from zero to the exponential
/// ceiling), so that a thousand sites that lost the same broker do not all return in the same
/// second. The ceiling doubles per failed attempt from <c>initial</c> up to <c>max</c>.
/// </summary>
public sealed class ReconnectBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly Func<double> _unitRandom;
    private int _attempt;

    /// <param name="initial">The ceiling of the first wait.</param>
    /// <param name="max">The largest ceiling.</param>
    /// <param name="unitRandom">A uniform draw in [0, 1); tests pass a fixed sequence.</param>
    public ReconnectBackoff(TimeSpan initial, TimeSpan max, Func<double> unitRandom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        _initial = initial;
        _max = max;
        _unitRandom = unitRandom;
    }

    /// <summary>Failed attempts since the last success.</summary>
    public int Attempt => _attempt;

    /// <summary>The ceiling for the next wait.</summary>
    public TimeSpan Ceiling
    {
        get
        {
            // 2^30 times any sane initial is beyond any max: stop doubling there to avoid overflow.
            var factor = Math.Pow(2, Math.Min(_attempt, 30));
            var ticks = Math.Min(_max.Ticks, _initial.Ticks * factor);
            return TimeSpan.FromTicks((long)ticks);
        }
    }

    /// <summary>The wait before the next attempt; counts one more failure.</summary>
    public TimeSpan NextDelay()
    {
        var delay = TimeSpan.FromTicks((long)(Ceiling.Ticks * Math.Clamp(_unitRandom(), 0, 1)));
        _attempt++;
        return delay;
    }

    /// <summary>After a connection that worked: the next failure starts from the first ceiling again.</summary>
    public void Reset() => _attempt = 0;
}
