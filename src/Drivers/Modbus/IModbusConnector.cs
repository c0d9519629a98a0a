namespace ChargeNet.Drivers.Modbus;

/// <summary>Opens the byte stream a transport talks over: a TCP socket or a serial port.</summary>
public interface IModbusConnector
{
    /// <summary>Where it connects, for logs and errors (host:port, or the serial device and its settings).</summary>
    string Description { get; }

    /// <summary>The 3.5-character silence to keep between frames on a serial line; zero on TCP.</summary>
    TimeSpan SilentInterval { get; }

    Task<Stream> ConnectAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
