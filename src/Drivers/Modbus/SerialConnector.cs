using System.IO.Ports;
using ChargeNet.Drivers.Modbus.Serial;

namespace ChargeNet.Drivers.Modbus;

/// <summary>
/// Opens an RS-485 line (or a pty in tests) for Modbus RTU. On Linux the tty is driven directly
/// (<see cref="SerialBackend.LinuxTermios"/>) so a bus waiting for a reply costs no CPU; elsewhere
/// System.IO.Ports does it.
/// </summary>
public sealed class SerialConnector : IModbusConnector
{
    private readonly SerialBackend _backend;

    public SerialConnector(string portName, int baudRate, Parity parity = Parity.Even, StopBits stopBits = StopBits.One)
        : this(new SerialLineSettings(portName, baudRate, parity, stopBits))
    {
    }

    public SerialConnector(SerialLineSettings line, SerialBackend backend = SerialBackend.Automatic)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentException.ThrowIfNullOrWhiteSpace(line.PortName);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(line.BaudRate);
        if (backend == SerialBackend.LinuxTermios && !OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The termios serial backend runs on Linux only.");
        }

        Line = line;
        _backend = backend == SerialBackend.Automatic
            ? OperatingSystem.IsLinux() ? SerialBackend.LinuxTermios : SerialBackend.SystemIOPorts
            : backend;
    }

    public SerialLineSettings Line { get; }

    /// <summary>The backend in use (never <see cref="SerialBackend.Automatic"/>).</summary>
    public SerialBackend Backend => _backend;

    public string Description => Line.ToString();

    public TimeSpan SilentInterval => RtuTiming.SilentInterval(Line.BaudRate);

    public Task<Stream> ConnectAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Stream stream = _backend == SerialBackend.LinuxTermios ? LinuxSerialLine.Open(Line) : OpenSystemIOPorts(timeout);
        return Task.FromResult(stream);
    }

    private SerialPortStream OpenSystemIOPorts(TimeSpan timeout)
    {
        var port = new SerialPort(Line.PortName, Line.BaudRate, Line.Parity, Line.DataBits, Line.StopBits)
        {
            Handshake = Handshake.None,
            ReadTimeout = SerialPort.InfiniteTimeout,
            WriteTimeout = (int)timeout.TotalMilliseconds,
        };
        try
        {
            port.Open();
            port.DiscardInBuffer();
            return new SerialPortStream(port);
        }
        catch
        {
            port.Dispose();
            throw;
        }
    }
}
