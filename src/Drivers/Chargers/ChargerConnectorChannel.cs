using ChargeNet.Drivers.Devices;
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

    /// <summary>The connector's status from one read: the state through the template's map, values in base units.</summary>
    public ConnectorStatus Decode(RegisterSnapshot snapshot, ChargerDefinition charger, DateTimeOffset now)
    {
        var raw = snapshot.RawText(RegisterMeanings.State) ?? "";
        var state = charger.States.TryGetValue(raw, out var known) ? known : charger.UnknownState;
        var current = new PhaseValues(
            snapshot.Value(RegisterMeanings.CurrentL1) ?? 0,
            snapshot.Value(RegisterMeanings.CurrentL2) ?? 0,
            snapshot.Value(RegisterMeanings.CurrentL3) ?? 0);
        var limit = snapshot.Value(RegisterMeanings.LimitInForce) ?? LastLimitA;
        return new ConnectorStatus(ConnectorId, state, current, snapshot.Value(RegisterMeanings.Energy) ?? 0, limit, now);
    }
}
