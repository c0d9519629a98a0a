using System.Runtime.InteropServices;

namespace ChargeNet.Drivers.Modbus.Serial;

/// <summary>A POSIX file descriptor (a tty, an eventfd), closed exactly once when released.</summary>
internal sealed class SafeFileDescriptor : SafeHandle
{
    public SafeFileDescriptor()
        : base(invalidHandleValue: -1, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle < 0;

    protected override bool ReleaseHandle() => LinuxInterop.Close((int)handle) == 0;
}
