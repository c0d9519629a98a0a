using System.Runtime.InteropServices;

namespace ChargeNet.Drivers.Modbus.Serial;

/// <summary>struct pollfd.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollDescriptor
{
    public int Fd;
    public short Events;
    public short ReturnedEvents;
}
