namespace ChargeNet.EdgeAgent.Sessions;

/// <summary>What a car on a connector is doing, as the cost of docs/sessions.md counts time.</summary>
public enum ConnectorUse
{
    /// <summary>Not known (no limit sent yet, no reading): counted as neither idle nor paused.</summary>
    Unknown,

    /// <summary>Offered at least its minimum and drawing 1 A or more.</summary>
    Charging,

    /// <summary>Offered at least its minimum current but drawing under 1 A: idle time.</summary>
    Idle,

    /// <summary>Offered less than its minimum (0 A): the balancer holds it paused; never idle.</summary>
    Paused,
}

/// <summary>The rule that tells idle from paused (docs/sessions.md, "Idle and paused time").</summary>
public static class ConnectorUses
{
    /// <summary>Under this, a car is drawing nothing (docs/sessions.md).</summary>
    public const double IdleBelowA = 1.0;

    /// <param name="offeredA">The limit the connector was offered; null when none was sent yet.</param>
    /// <param name="minimumA">The car's (charger's) minimum current.</param>
    /// <param name="drawnA">The most it drew on any phase; null when not known.</param>
    public static ConnectorUse Of(double? offeredA, double minimumA, double? drawnA) => (offeredA, drawnA) switch
    {
        (null, _) => ConnectorUse.Unknown,
        ({ } offered, _) when offered < minimumA => ConnectorUse.Paused,
        (_, null) => ConnectorUse.Unknown,
        (_, { } drawn) when drawn < IdleBelowA => ConnectorUse.Idle,
        _ => ConnectorUse.Charging,
    };
}
