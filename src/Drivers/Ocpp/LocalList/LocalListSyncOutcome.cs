namespace ChargeNet.Drivers.Ocpp.LocalList;

/// <summary>What one sync did on one charger.</summary>
/// <param name="Result">The outcome.</param>
/// <param name="EdgeVersion">The edge's list version.</param>
/// <param name="ChargerVersion">What the charger reported before (null when it was not asked).</param>
/// <param name="Entries">Entries in the edge's list.</param>
/// <param name="MessagesAccepted">SendLocalList messages the charger accepted.</param>
/// <param name="Detail">For people: the charger's answer or the error.</param>
/// <param name="Limits">The charger's limits, when they were read.</param>
public sealed record LocalListSyncOutcome(LocalListSyncResult Result, int EdgeVersion, int? ChargerVersion, int Entries, int MessagesAccepted, string? Detail, LocalListLimits? Limits = null)
{
    public bool Sent => Result == LocalListSyncResult.Sent;
}
