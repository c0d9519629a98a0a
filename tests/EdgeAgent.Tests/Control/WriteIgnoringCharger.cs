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

    public Task<ChargerStatus> ReadStatusAsync(CancellationToken cancellationToken) => inner.ReadStatusAsync(cancellationToken);

    public Task<SetpointResult> SetCurrentLimitAsync(int connectorId, double limitA, CancellationToken cancellationToken)
    {
        if (!Ignoring || (OnlyConnector is { } only && only != connectorId))
        {
            return inner.SetCurrentLimitAsync(connectorId, limitA, cancellationToken);
        }

        Ignored++;
        return Task.FromResult(SetpointResult.Accepted);
    }
}
