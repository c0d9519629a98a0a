namespace ChargeNet.Drivers.Devices;

/// <summary>
/// A charger whose driver holds a refused limit back for a while before it sends it again (OCPP: 5, 10, 20 … s; docs/ocpp.md,
/// "Re-sends with back-off"). The back-off keeps a charger from being asked the same thing again and again; a cut that a phase
/// counted over its limit needs cannot wait for it (docs/control-loop.md, Session 19, "A needed cut past the back-off").
/// </summary>
public interface IHasLimitBackOff
{
    /// <summary>
    /// As <see cref="ICharger.SetCurrentLimitAsync"/>, for a limit the site needs now: a cut (below what the connector may be
    /// drawing at) goes out even during the back-off after a refusal; any other limit is held as ever.
    /// </summary>
    Task<SetpointResult> SetNeededLimitAsync(int connectorId, double limitA, CancellationToken cancellationToken);
}
