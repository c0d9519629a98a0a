using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ChargeNet.Drivers.Modbus.Serial;

/// <summary>The kernel's struct termios2 (asm-generic/termbits.h): 44 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Termios2
{
    public uint InputFlags;
    public uint OutputFlags;
    public uint ControlFlags;
    public uint LocalFlags;
    public byte LineDiscipline;
    public Termios2ControlCharacters ControlCharacters;
    public uint InputSpeed;
    public uint OutputSpeed;
}

/// <summary>c_cc[NCCS] with the kernel's NCCS of 19.</summary>
[InlineArray(19)]
internal struct Termios2ControlCharacters
{
    private byte _first;
}
