using System.IO.Ports;

namespace ChargeNet.Drivers.Modbus;

/// <summary>
/// Where a Modbus device is: a TCP host and port, or a serial line with its settings. Devices with the
/// same endpoint share one link (one TCP connection, one serial bus); see <see cref="ModbusLinkPool"/>.
/// </summary>
public sealed record ModbusEndpoint
{
    private ModbusEndpoint(ModbusLinkKind kind, string address, int port, int baudRate, Parity parity, StopBits stopBits)
    {
        Kind = kind;
        Address = address;
        Port = port;
        BaudRate = baudRate;
        Parity = parity;
        StopBits = stopBits;
    }

    public ModbusLinkKind Kind { get; }

    /// <summary>The host name or IP address (TCP), or the serial device path.</summary>
    public string Address { get; }

    public int Port { get; }

    public int BaudRate { get; }

    public Parity Parity { get; }

    public StopBits StopBits { get; }

    public static ModbusEndpoint Tcp(string host, int port = 502) => new(ModbusLinkKind.Tcp, Check(host), port, 0, Parity.None, StopBits.None);

    public static ModbusEndpoint RtuOverTcp(string host, int port) => new(ModbusLinkKind.RtuOverTcp, Check(host), port, 0, Parity.None, StopBits.None);

    /// <summary>An RS-485 line; the specification's default is even parity, one stop bit (no parity: two).</summary>
    public static ModbusEndpoint Serial(string device, int baudRate, Parity parity = Parity.Even, StopBits stopBits = StopBits.One) =>
        new(ModbusLinkKind.Serial, Check(device), 0, baudRate, parity, stopBits);

    public override string ToString() => Kind == ModbusLinkKind.Serial
        ? $"rtu:{Address}@{BaudRate}/{Parity}/{StopBits}"
        : $"{(Kind == ModbusLinkKind.Tcp ? "tcp" : "rtu-over-tcp")}://{Address}:{Port}";

    private static string Check(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        return value;
    }
}
