namespace ChargeNet.Drivers.Templates;

/// <summary>What a template describes.</summary>
public enum DeviceKind
{
    Meter,
    Charger,
}
