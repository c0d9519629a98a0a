namespace ChargeNet.EdgeAgent.Control;

/// <summary>What is known of a limit sent to a connector.</summary>
internal enum LimitEpochState
{
    /// <summary>Not sent by this edge: what the charger held before it confirmed one of ours (counted at its maximum).</summary>
    Unknown,

    /// <summary>Sent, no answer yet.</summary>
    InFlight,

    /// <summary>The charger accepted it.</summary>
    Accepted,

    /// <summary>The charger refused it.</summary>
    Rejected,

    /// <summary>No answer, or the delivery failed: it may or may not be in force.</summary>
    Failed,
}
