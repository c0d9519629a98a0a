namespace ChargeNet.Drivers.Templates;

/// <summary>The order of the registers of a multi-register value.</summary>
public enum WordOrder
{
    /// <summary>The most significant word at the lowest address (the usual "big-endian" Modbus order).</summary>
    HighFirst,

    /// <summary>The least significant word at the lowest address ("word swapped").</summary>
    LowFirst,
}
