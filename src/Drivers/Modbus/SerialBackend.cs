namespace ChargeNet.Drivers.Modbus;

/// <summary>Which code drives a serial port (docs/devices.md, "Serial lines").</summary>
public enum SerialBackend
{
    /// <summary>The Linux tty driver on Linux, System.IO.Ports elsewhere.</summary>
    Automatic,

    /// <summary>The tty through termios2 and poll(2): a waiting read costs no CPU. Linux only.</summary>
    LinuxTermios,

    /// <summary>System.IO.Ports, for Windows and macOS (on Linux it polls the line about every millisecond while a read waits).</summary>
    SystemIOPorts,
}
