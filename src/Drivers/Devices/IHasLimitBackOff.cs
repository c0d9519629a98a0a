namespace ChargeNet.Drivers.Devices;

/// <summary>
/// A charger whose driver holds a refused limit back for a while before it sends it again (OCPP: 5, 10, 20 … s; docs/ocpp.md,
/// "Re-sends with back-off"). The back-off keeps a charger from being asked the same thing again and again; a cut that a phase
/// counted over its limit needs cannot wait for it (docs/control-loop-sessions.md, Session 19, "A needed cut past the back-off"), nor can
/// a limit the whole site waits on (a probe's stage, Session 37).
/// </summary>
public interface IHasLimitBackOff
{
    /// <summary>
    /// As <see cref="ICharger.SetCurrentLimitAsync"/>, for a limit the site needs now: a cut (below what the connector may be
    /// drawing at) goes out even during the back-off after a refusal; any other limit is held as ever.
    /// </summary>
    Task<SetpointResult> SetNeededLimitAsync(int connectorId, double limitA, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="ICharger.SetCurrentLimitAsync"/>, for a limit the whole site waits on (a probe of a car's phases holds every
    /// other limit meanwhile: docs/control-loop.md, "A car's phases from a probe"): a raise as well as a cut goes out even during
    /// the back-off after a refusal. A refusal still counts in the back-off; the caller asks so only until a few of its sends were
    /// refused, never cycle after cycle.
    /// </summary>
    Task<SetpointResult> SetLimitPastBackOffAsync(int connectorId, double limitA, CancellationToken cancellationToken);
}
