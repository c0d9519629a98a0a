namespace ChargeNet.Drivers.Ocpp.LocalList;

/// <summary>One SendLocalList of a plan: its list version, Full (replaces) or Differential (amends), and its entries.</summary>
public sealed record LocalListMessage(int ListVersion, bool Full, IReadOnlyList<LocalListEntry> Entries)
{
    /// <summary>The update type as OCPP spells it (the same in 1.6 and 2.0.1).</summary>
    public string UpdateType => Full ? "Full" : "Differential";
}
