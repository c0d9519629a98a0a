namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>Where a Modbus device is reached: TCP (host, port), RTU on a serial line, or RTU through a TCP gateway.</summary>
public sealed record ModbusEndpointSettings
{
    /// <summary><c>tcp</c> (default), <c>rtu</c> (serial line) or <c>rtu-over-tcp</c>.</summary>
    public string Transport { get; init; } = ModbusTransports.Tcp;

    public string? Host { get; init; }

    public int Port { get; init; } = 502;

    /// <summary>The unit id (slave address), 1–247; 255 is also accepted for TCP devices.</summary>
    public int UnitId { get; init; } = 1;

    /// <summary>The serial device for RTU, e.g. /dev/ttyUSB0.</summary>
    public string? SerialPort { get; init; }

    public int BaudRate { get; init; } = 9600;

    /// <summary><c>none</c>, <c>even</c> or <c>odd</c>.</summary>
    public string Parity { get; init; } = "even";

    public int StopBits { get; init; } = 1;
}
