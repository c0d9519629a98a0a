using ChargeNet.Drivers.Devices;
using ChargeNet.SiteSimulator;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// Once told to, a charger that refuses limits below a value, behind the OCPP driver's back-off (<see cref="DriverBackOff"/>, as
/// shipped: a refused limit asked again is held unsent for 5, 10, 20 … s; a cut the site needs now goes at once,
/// <see cref="IHasLimitBackOff"/>). Before that, every limit goes to the charger as it is.
/// </summary>
internal sealed class BackingOffCharger(ICharger inner, Func<DateTimeOffset> now) : ICharger, IHasLimitBackOff
{
    private readonly DriverBackOff _backOff = new(cutRetry: null);
    private double? _refuseBelowA;
    private int _refusalsLeft;
    private bool _unanswered;

    public string Id => inner.Id;

    public int HeldAsks { get; private set; }

    /// <summary>When each limit reached the charger since it was told to refuse, and what.</summary>
    public List<(DateTimeOffset At, double LimitA)> Sent { get; } = [];

    public int SentToCharger => Sent.Count;

    /// <summary>
    /// From now on it refuses every limit below <paramref name="limitA"/>, the first <paramref name="times"/> of them — with
    /// <paramref name="unanswered"/>, as a call it never answered (<see cref="SetpointOutcome.Failed"/>, given at once: when it
    /// comes is not what these tests look at).
    /// </summary>
    public void RefuseCutsBelow(double limitA, int times = int.MaxValue, bool unanswered = false) =>
        (_refuseBelowA, _refusalsLeft, _unanswered) = (limitA, times, unanswered);

    public Task<ChargerStatus> ReadStatusAsync(CancellationToken cancellationToken) => inner.ReadStatusAsync(cancellationToken);

    public Task<SetpointResult> SetCurrentLimitAsync(int connectorId, double limitA, CancellationToken cancellationToken) =>
        SetAsync(connectorId, limitA, needed: false, cancellationToken);

    public Task<SetpointResult> SetNeededLimitAsync(int connectorId, double limitA, CancellationToken cancellationToken) =>
        SetAsync(connectorId, limitA, needed: true, cancellationToken);

    public Task<SetpointResult> SetLimitPastBackOffAsync(int connectorId, double limitA, CancellationToken cancellationToken) =>
        SetAsync(connectorId, limitA, needed: false, cancellationToken, pastBackOff: true);

    private async Task<SetpointResult> SetAsync(int connectorId, double limitA, bool needed, CancellationToken cancellationToken, bool pastBackOff = false)
    {
        if (_refuseBelowA is not { } refuseBelowA)
        {
            return await inner.SetCurrentLimitAsync(connectorId, limitA, cancellationToken);
        }

        if (_backOff.Held(connectorId, limitA, now(), needed, pastBackOff) is { } held)
        {
            HeldAsks++;
            return held;
        }

        Sent.Add((now(), limitA));
        var refused = limitA < refuseBelowA && _refusalsLeft > 0;
        _refusalsLeft -= refused ? 1 : 0;
        _backOff.Answered(connectorId, limitA, now(), now(), accepted: !refused);
        return !refused ? await inner.SetCurrentLimitAsync(connectorId, limitA, cancellationToken)
            : _unanswered ? SetpointResult.Failed("no answer within 5 s (test)") : SetpointResult.Rejected("Rejected (test)");
    }
}
