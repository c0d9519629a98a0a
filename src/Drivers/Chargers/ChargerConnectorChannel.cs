using ChargeNet.Drivers.Templates;

namespace ChargeNet.Drivers.Chargers;

/// <summary>One connector as the driver addresses it: its unit id, address offset and read plan, and the limit last sent.</summary>
internal sealed class ChargerConnectorChannel
{
    public ChargerConnectorChannel(DeviceTemplate template, ConnectorDefinition connector, byte baseUnitId)
    {
        ConnectorId = connector.ConnectorId;
        UnitId = (byte)(baseUnitId + connector.UnitIdOffset);
        AddressOffset = connector.AddressOffset;
        Plan = RegisterReadPlan.ForAll(template, connector.AddressOffset);
    }

    public int ConnectorId { get; }

    public byte UnitId { get; }

    public int AddressOffset { get; }

    public RegisterReadPlan Plan { get; }

    /// <summary>The limit last accepted, kept up by a rewrite keep-alive; null before the first.</summary>
    public double? LastLimitA { get; set; }

    /// <summary>Whether the connector was paused through the template's pause write.</summary>
    public bool Paused { get; set; }
}
