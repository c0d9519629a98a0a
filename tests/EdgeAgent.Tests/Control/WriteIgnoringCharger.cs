using ChargeNet.Drivers.Devices;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// A wallbox that, once told to, acknowledges every limit written without applying it — not in its remote mode, or a default
/// restored after its own restart — and reads back the limit it really applies (its <c>limitInForce</c> register).
/// </summary>
internal sealed class WriteIgnoringCharger(ICharger inner) : ICharger
{
    public string Id => inner.Id;

    /// <summary>Acknowledges writes without applying them.</summary>
    public bool Ignoring { get; set; }

    /// <summary>With <see cref="Ignoring"/>: only this connector's writes are ignored; null: every connector's.</summary>
    public int? OnlyConnector { get; set; }

    /// <summary>The limits written while <see cref="Ignoring"/>.</summary>
    public int Ignored { get; private set; }

    /// <summary>
    /// Reports as an OCPP charger does: the limit it applies as what it offers its car (Current.Offered), and, as the limit in force,
    /// its driver's book of the last limit it acknowledged.
    /// </summary>
    public bool ReportsAsOffer { get; set; }

    private readonly Dictionary<int, double> _acknowledged = [];

    public async Task<ChargerStatus> ReadStatusAsync(CancellationToken cancellationToken)
    {
        var status = await inner.ReadStatusAsync(cancellationToken);
        return !ReportsAsOffer ? status : status with
        {
            Connectors = [.. status.Connectors.Select(c => c with
            {
                LimitA = _acknowledged.TryGetValue(c.ConnectorId, out var bookA) ? bookA : c.LimitA,
                Offered = c.LimitA is { } appliedA ? new OfferedCurrent(appliedA, c.CurrentsAt) : null,
            })],
        };
    }

    public Task<SetpointResult> SetCurrentLimitAsync(int connectorId, double limitA, CancellationToken cancellationToken)
    {
        if (!Ignoring || (OnlyConnector is { } only && only != connectorId))
        {
            return Acknowledged(inner.SetCurrentLimitAsync(connectorId, limitA, cancellationToken), connectorId, limitA);
        }

        Ignored++;
        return Acknowledged(Task.FromResult(SetpointResult.Accepted), connectorId, limitA);
    }

    private async Task<SetpointResult> Acknowledged(Task<SetpointResult> sending, int connectorId, double limitA)
    {
        var result = await sending;
        if (result.Outcome == SetpointOutcome.Accepted)
        {
            _acknowledged[connectorId] = limitA;
        }

        return result;
    }
}
