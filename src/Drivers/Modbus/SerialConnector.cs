using System.IO.Ports;

namespace ChargeNet.Drivers.Modbus;

/// <summary>Opens an RS-485 line (or a pty in tests) for Modbus RTU: 8 data bits, the given parity and stop bits.</summary>
public sealed class SerialConnector : IModbusConnector
{
    private readonly string _portName;
    private readonly int _baudRate;
    private readonly Parity _parity;
    private readonly StopBits _stopBits;

    /// <param name="portName">The device, e.g. /dev/ttyUSB0.</param>
    /// <param name="baudRate">Bits per second, e.g. 9600, 19200, 115200.</param>
    /// <param name="parity">Even is the specification's default; no parity wants two stop bits.</param>
    /// <param name="stopBits">One with parity, two without.</param>
    public SerialConnector(string portName, int baudRate, Parity parity = Parity.Even, StopBits stopBits = StopBits.One)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(portName);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baudRate);
        _portName = portName;
        _baudRate = baudRate;
        _parity = parity;
        _stopBits = stopBits;
    }

    public string Description => $"{_portName} {_baudRate} {_parity} {_stopBits}";

    public TimeSpan SilentInterval => RtuTiming.SilentInterval(_baudRate);

    public Task<Stream> ConnectAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var port = new SerialPort(_portName, _baudRate, _parity, 8, _stopBits)
        {
            Handshake = Handshake.None,
            ReadTimeout = SerialPort.InfiniteTimeout,
            WriteTimeout = (int)timeout.TotalMilliseconds,
        };
        try
        {
            port.Open();
            port.DiscardInBuffer();
            return Task.FromResult<Stream>(new SerialPortStream(port));
        }
        catch
        {
            port.Dispose();
            throw;
        }
    }
}
