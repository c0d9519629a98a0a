using System.Runtime.InteropServices;

namespace ChargeNet.Drivers.Modbus.Serial;

/// <summary>
/// The few libc calls the Linux serial line needs. The tty is configured with the kernel's own
/// TCGETS2/TCSETS2 ioctls (struct termios2, any baud rate through BOTHER) rather than glibc's termios
/// wrappers, whose struct and speed encoding vary between libc versions. Values from the kernel's
/// asm-generic headers (termbits.h, ioctls.h, poll.h, fcntl.h), which x86-64, arm64 and arm share.
/// </summary>
internal static unsafe partial class LinuxInterop
{
    public const int OpenReadWrite = 0x2;
    public const int OpenNoControllingTerminal = 0x100;
    public const int OpenNonBlocking = 0x800;
    public const int OpenCloseOnExec = 0x80000;

    public const short PollIn = 0x1;
    public const short PollOut = 0x4;
    public const short PollError = 0x8;
    public const short PollHangUp = 0x10;
    public const short PollInvalid = 0x20;

    public const int ErrorInterrupted = 4;
    public const int ErrorWouldBlock = 11;

    public const int LockExclusive = 2;
    public const int LockNonBlocking = 4;

    /// <summary>_IOR('T', 0x2A, struct termios2).</summary>
    public const uint GetTermios2 = 0x802C542A;

    /// <summary>_IOW('T', 0x2B, struct termios2): applied at once.</summary>
    public const uint SetTermios2 = 0x402C542B;

    /// <summary>TCFLSH with TCIOFLUSH: drop what was received and not read, and what was written and not sent.</summary>
    public const uint FlushQueues = 0x540B;
    public const int FlushBothQueues = 2;

    private const string LibC = "libc";

    [LibraryImport(LibC, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport(LibC, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(LibC, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(SafeFileDescriptor fd, byte* buffer, nuint count);

    [LibraryImport(LibC, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport(LibC, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(SafeFileDescriptor fd, byte* buffer, nuint count);

    [LibraryImport(LibC, EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollDescriptor* descriptors, nuint count, int timeoutMs);

    [LibraryImport(LibC, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int IoctlTermios(SafeFileDescriptor fd, nuint request, Termios2* termios);

    [LibraryImport(LibC, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int IoctlValue(SafeFileDescriptor fd, nuint request, nint value);

    [LibraryImport(LibC, EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(SafeFileDescriptor fd, int operation);

    [LibraryImport(LibC, EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initialValue, int flags);

    /// <summary>Takes ownership of a descriptor a call returned (an int, so not marshalled as a SafeHandle), or throws naming <paramref name="what"/>.</summary>
    public static SafeFileDescriptor Own(int fd, string what)
    {
        if (fd < 0)
        {
            throw LastError(what);
        }

        var handle = new SafeFileDescriptor();
        Marshal.InitHandle(handle, fd);
        return handle;
    }

    /// <summary>The calling thread's errno as an IOException naming what failed.</summary>
    public static IOException LastError(string what)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"{what}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);
    }
}
