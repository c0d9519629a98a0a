namespace ChargeNet.SiteSimulator;

/// <summary>How an OCPP-like charger answers one SetChargingProfile when its answers are scripted (the peer's <c>answers</c>).</summary>
public enum ScriptedAnswer
{
    /// <summary>Accepted, and the limit enforced at once.</summary>
    Accepted,

    /// <summary>Rejected: the limit in force stays.</summary>
    Rejected,

    /// <summary>No answer at all, ever: the caller gives up; the limit in force stays.</summary>
    Never,
}
