using System.IO.Ports;

namespace ChargeNet.Drivers.Modbus;

/// <summary>A serial line for Modbus RTU: the device and its character format.</summary>
/// <param name="PortName">The device, e.g. /dev/ttyUSB0 or /dev/ttyAMA0.</param>
/// <param name="BaudRate">Bits per second, e.g. 9600, 19200, 115200.</param>
/// <param name="Parity">Even is the specification's default; no parity wants two stop bits.</param>
/// <param name="StopBits">One with parity, two without.</param>
/// <param name="DataBits">Always 8 for Modbus RTU.</param>
public sealed record SerialLineSettings(string PortName, int BaudRate, Parity Parity = Parity.Even, StopBits StopBits = StopBits.One, int DataBits = 8)
{
    public override string ToString() => $"{PortName} {BaudRate} {Parity} {StopBits}";
}
