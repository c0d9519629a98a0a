namespace ChargeNet.Drivers.Modbus;

/// <summary>How a Modbus device is reached.</summary>
public enum ModbusLinkKind
{
    /// <summary>Modbus TCP (MBAP) to a device or a TCP gateway.</summary>
    Tcp,

    /// <summary>RTU frames tunnelled through a transparent TCP gateway.</summary>
    RtuOverTcp,

    /// <summary>RTU on a local serial port (RS-485).</summary>
    Serial,
}
