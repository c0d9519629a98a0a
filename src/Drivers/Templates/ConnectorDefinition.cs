namespace ChargeNet.Drivers.Templates;

/// <summary>
/// One connector of a charger. Every connector uses the template's registers, moved by its offsets:
/// some chargers give each socket its own unit id, others their own address range.
/// </summary>
public sealed record ConnectorDefinition
{
    public int ConnectorId { get; init; } = 1;

    /// <summary>Added to the configured unit id.</summary>
    public int UnitIdOffset { get; init; }

    /// <summary>Added to every register address.</summary>
    public int AddressOffset { get; init; }
}
