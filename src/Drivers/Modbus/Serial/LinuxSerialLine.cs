namespace ChargeNet.Drivers.Modbus.Serial;

/// <summary>Opens and configures a Linux tty for Modbus RTU.</summary>
internal static unsafe class LinuxSerialLine
{
    /// <summary>
    /// Opens <paramref name="line"/>: non-blocking, not our controlling terminal, locked against a second
    /// opener (a bus has one master), set to raw mode with the line's character format, queues emptied.
    /// </summary>
    /// <exception cref="IOException">The device cannot be opened or configured; the message names it and why.</exception>
    public static LinuxSerialStream Open(SerialLineSettings line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fd = LinuxInterop.Own(
            LinuxInterop.Open(line.PortName, LinuxInterop.OpenReadWrite | LinuxInterop.OpenNoControllingTerminal | LinuxInterop.OpenNonBlocking | LinuxInterop.OpenCloseOnExec),
            $"cannot open {line.PortName}");

        try
        {
            if (LinuxInterop.Flock(fd, LinuxInterop.LockExclusive | LinuxInterop.LockNonBlocking) != 0)
            {
                throw LinuxInterop.LastError($"{line.PortName} is in use by another program");
            }

            Termios2 current;
            if (LinuxInterop.IoctlTermios(fd, LinuxInterop.GetTermios2, &current) != 0)
            {
                throw LinuxInterop.LastError($"{line.PortName} is not a serial line");
            }

            var wanted = TermiosConfiguration.Configure(current, line);
            if (LinuxInterop.IoctlTermios(fd, LinuxInterop.SetTermios2, &wanted) != 0)
            {
                throw LinuxInterop.LastError($"cannot set {line} on {line.PortName}");
            }

            if (LinuxInterop.IoctlValue(fd, LinuxInterop.FlushQueues, LinuxInterop.FlushBothQueues) != 0)
            {
                throw LinuxInterop.LastError($"cannot flush {line.PortName}");
            }

            return new LinuxSerialStream(fd, line.PortName);
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    /// <summary>The termios the tty has now (for checks and diagnostics).</summary>
    public static Termios2 ReadSettings(SafeFileDescriptor fd, string portName)
    {
        Termios2 current;
        if (LinuxInterop.IoctlTermios(fd, LinuxInterop.GetTermios2, &current) != 0)
        {
            throw LinuxInterop.LastError($"cannot read the settings of {portName}");
        }

        return current;
    }
}
