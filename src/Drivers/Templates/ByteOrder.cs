namespace ChargeNet.Drivers.Templates;

/// <summary>The order of the two bytes inside each register.</summary>
public enum ByteOrder
{
    /// <summary>High byte first, as the specification sends every register.</summary>
    BigEndian,

    /// <summary>Low byte first ("byte swapped"), as a few devices store values.</summary>
    LittleEndian,
}
