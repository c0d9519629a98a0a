namespace ChargeNet.Drivers.Templates;

/// <summary>Which of the four Modbus tables a value lives in.</summary>
public enum RegisterFunction
{
    /// <summary>Holding registers: read with FC 03, written with FC 06/16.</summary>
    Holding,

    /// <summary>Input registers: read with FC 04.</summary>
    Input,

    /// <summary>Coils: read with FC 01, written with FC 05/15.</summary>
    Coil,

    /// <summary>Discrete inputs: read with FC 02.</summary>
    DiscreteInput,
}
