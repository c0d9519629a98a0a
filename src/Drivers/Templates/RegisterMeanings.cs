namespace ChargeNet.Drivers.Templates;

/// <summary>The register names the drivers understand, and the base unit each is in.</summary>
public static class RegisterMeanings
{
    public const string CurrentL1 = "currentL1";
    public const string CurrentL2 = "currentL2";
    public const string CurrentL3 = "currentL3";
    public const string VoltageL1 = "voltageL1";
    public const string VoltageL2 = "voltageL2";
    public const string VoltageL3 = "voltageL3";
    public const string PowerL1 = "powerL1";
    public const string PowerL2 = "powerL2";
    public const string PowerL3 = "powerL3";
    public const string TotalPower = "totalPower";
    public const string ImportEnergy = "importEnergy";
    public const string State = "state";
    public const string Energy = "energy";
    public const string LimitInForce = "limitInForce";
    public const string CurrentLimit = "currentLimit";

    public static IReadOnlyList<string> Currents { get; } = [CurrentL1, CurrentL2, CurrentL3];

    public static IReadOnlyList<string> Voltages { get; } = [VoltageL1, VoltageL2, VoltageL3];

    public static IReadOnlyList<string> Powers { get; } = [PowerL1, PowerL2, PowerL3];

    /// <summary>Meanings of a meter and their base units.</summary>
    public static IReadOnlyDictionary<string, string> Meter { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [CurrentL1] = "A", [CurrentL2] = "A", [CurrentL3] = "A",
        [VoltageL1] = "V", [VoltageL2] = "V", [VoltageL3] = "V",
        [PowerL1] = "W", [PowerL2] = "W", [PowerL3] = "W",
        [TotalPower] = "W", [ImportEnergy] = "Wh",
    };

    /// <summary>Meanings of a charger connector and their base units.</summary>
    public static IReadOnlyDictionary<string, string> Charger { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [State] = "", [CurrentL1] = "A", [CurrentL2] = "A", [CurrentL3] = "A",
        [Energy] = "Wh", [LimitInForce] = "A", [CurrentLimit] = "A",
    };
}
