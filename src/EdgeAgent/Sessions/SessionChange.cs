namespace ChargeNet.EdgeAgent.Sessions;

/// <summary>What happened to a session (<see cref="SessionRecorder.Changed"/>).</summary>
public enum SessionChangeKind
{
    /// <summary>It began (an OCPP transaction started, or the edge saw a car on a free connector).</summary>
    Started,

    /// <summary>Its charger reported energy readings (OCPP MeterValues).</summary>
    Metered,

    /// <summary>It ended and was stored with its final cost.</summary>
    Finished,
}

/// <param name="Session">The session as recorded at that moment (finished: with its cost).</param>
public sealed record SessionChange(SessionChangeKind Kind, ChargingSession Session);
