namespace ChargeNet.Drivers.Chargers;

/// <summary>A Modbus charger's settings from site.json that its template may write to the device.</summary>
public sealed record ModbusChargerSettings
{
    /// <summary>The current the charger falls back to when the controller goes silent (default: the template's).</summary>
    public double? FailsafeCurrentA { get; init; }

    /// <summary>How long the charger waits for the controller before falling back (default: the template's keep-alive timeout, else 60 s).</summary>
    public double? CommunicationTimeoutS { get; init; }

    /// <summary>The largest limit ever written (the circuit's or the charger's rating, whichever is lower).</summary>
    public double? MaxCurrentA { get; init; }

    public static ModbusChargerSettings Default { get; } = new();
}
