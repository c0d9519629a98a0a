using ChargeNet.Drivers.Devices;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// Once told to, a charger that refuses every limit above the one it accepted last, and whose accepted limit is valid for a
/// while only (an OCPP profile's validTo; the driver refreshes only the limit asked last, so nobody refreshes this one). When
/// the limit lapses, the charger is back on its own default, its maximum. Before it is told, every limit goes through as it is.
/// </summary>
internal sealed class LapsingCharger(ICharger inner, Func<DateTimeOffset> now, double defaultA) : ICharger
{
    private TimeSpan? _validity;
    private double _acceptedA;
    private DateTimeOffset _validTo;
    private double _lastA;

    public string Id => inner.Id;

    /// <summary>When the accepted limit lapsed and the charger went back to its own default, each time it did.</summary>
    public List<DateTimeOffset> Lapses { get; } = [];

    /// <summary>The limits it accepted since it was told, and when.</summary>
    public List<(DateTimeOffset At, double LimitA)> Accepted { get; } = [];

    /// <summary>From now on it refuses raises, and the limit it holds lapses <paramref name="validity"/> after it was accepted.</summary>
    public void RefuseRaises(TimeSpan validity) => (_validity, _acceptedA, _validTo) = (validity, _lastA, now() + validity);

    public async Task<ChargerStatus> ReadStatusAsync(CancellationToken cancellationToken)
    {
        if (_validity is not null && now() >= _validTo && (Lapses.Count == 0 || Lapses[^1] < _validTo))
        {
            Lapses.Add(now());
            await inner.SetCurrentLimitAsync(1, defaultA, cancellationToken);
        }

        var status = await inner.ReadStatusAsync(cancellationToken);
        return _validity is null ? status : status with { Connectors = [.. status.Connectors.Select(c => c with { AcceptedLimitValidTo = _validTo })] };
    }

    public async Task<SetpointResult> SetCurrentLimitAsync(int connectorId, double limitA, CancellationToken cancellationToken)
    {
        if (_validity is not { } validity)
        {
            _lastA = limitA;
            return await inner.SetCurrentLimitAsync(connectorId, limitA, cancellationToken);
        }

        if (limitA > _acceptedA)
        {
            return SetpointResult.Rejected("Rejected (test)");
        }

        var result = await inner.SetCurrentLimitAsync(connectorId, limitA, cancellationToken);
        if (result.Outcome == SetpointOutcome.Accepted)
        {
            (_acceptedA, _validTo) = (limitA, now() + validity);
            Accepted.Add((now(), limitA));
        }

        return result;
    }
}
