using System.IO.Ports;

namespace ChargeNet.Drivers.Modbus.Serial;

/// <summary>
/// A tty's termios for a Modbus RTU line, as a pure function: raw bytes in and out (what cfmakeraw
/// does), the data bits, parity and stop bits asked for, no flow control, the receiver on, modem lines
/// ignored, and the baud rate as a number (BOTHER), so any rate the UART can make is allowed.
/// Flag values from asm-generic/termbits.h.
/// </summary>
internal static class TermiosConfiguration
{
    // c_iflag
    public const uint IgnoreBreak = 0x1;
    public const uint BreakInterrupts = 0x2;
    public const uint MarkParityErrors = 0x8;
    public const uint CheckParity = 0x10;
    public const uint StripEighthBit = 0x20;
    public const uint MapNewlineToReturn = 0x40;
    public const uint IgnoreReturn = 0x80;
    public const uint MapReturnToNewline = 0x100;
    public const uint SoftwareFlowOut = 0x400;
    public const uint SoftwareFlowAny = 0x800;
    public const uint SoftwareFlowIn = 0x1000;

    // c_oflag
    public const uint PostProcessOutput = 0x1;

    // c_cflag
    public const uint BaudMask = 0x100F;
    public const uint CharacterSizeMask = 0x30;
    public const uint TwoStopBits = 0x40;
    public const uint EnableReceiver = 0x80;
    public const uint ParityEnable = 0x100;
    public const uint OddParity = 0x200;
    public const uint IgnoreModemLines = 0x800;
    public const uint BaudFromSpeedFields = 0x1000;
    public const uint StickParity = 0x40000000;
    public const uint HardwareFlowControl = 0x80000000;
    public const int InputBaudShift = 16;

    // c_lflag
    public const uint Signals = 0x1;
    public const uint Canonical = 0x2;
    public const uint Echo = 0x8;
    public const uint EchoNewline = 0x40;
    public const uint ExtendedInput = 0x8000;

    // c_cc
    public const int ReadTimeoutIndex = 5;
    public const int ReadMinimumIndex = 6;

    /// <summary>The termios for <paramref name="line"/>, starting from what the tty had.</summary>
    /// <exception cref="ArgumentException">Settings a Modbus RTU line cannot have.</exception>
    public static Termios2 Configure(Termios2 current, SerialLineSettings line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var t = current;
        t.InputFlags &= ~(IgnoreBreak | BreakInterrupts | MarkParityErrors | StripEighthBit | MapNewlineToReturn | IgnoreReturn
            | MapReturnToNewline | SoftwareFlowOut | SoftwareFlowAny | SoftwareFlowIn | CheckParity);
        if (line.Parity != Parity.None)
        {
            // A character with a parity error is read as 0, so the frame's CRC fails and the frame is refused.
            t.InputFlags |= CheckParity;
        }

        t.OutputFlags &= ~PostProcessOutput;
        t.LocalFlags &= ~(Echo | EchoNewline | Canonical | Signals | ExtendedInput);
        t.ControlFlags &= ~(CharacterSizeMask | ParityEnable | OddParity | StickParity | TwoStopBits | HardwareFlowControl
            | BaudMask | (BaudMask << InputBaudShift));
        t.ControlFlags |= CharacterSize(line.DataBits) | ParityFlags(line.Parity) | StopBitFlags(line.StopBits)
            | EnableReceiver | IgnoreModemLines | BaudFromSpeedFields | (BaudFromSpeedFields << InputBaudShift);
        t.InputSpeed = (uint)line.BaudRate;
        t.OutputSpeed = (uint)line.BaudRate;

        // Reads never block in the kernel (the descriptor is non-blocking); poll(2) does the waiting.
        t.ControlCharacters[ReadMinimumIndex] = 1;
        t.ControlCharacters[ReadTimeoutIndex] = 0;
        return t;
    }

    private static uint CharacterSize(int dataBits) => dataBits switch
    {
        >= 5 and <= 8 => (uint)(dataBits - 5) << 4,
        _ => throw new ArgumentException($"{dataBits} data bits: a serial line has 5 to 8 (Modbus RTU uses 8)."),
    };

    private static uint ParityFlags(Parity parity) => parity switch
    {
        Parity.None => 0,
        Parity.Even => ParityEnable,
        Parity.Odd => ParityEnable | OddParity,
        Parity.Mark => ParityEnable | StickParity | OddParity,
        Parity.Space => ParityEnable | StickParity,
        _ => throw new ArgumentException($"Parity '{parity}' is not one a serial line has."),
    };

    private static uint StopBitFlags(StopBits stopBits) => stopBits switch
    {
        StopBits.One => 0,
        StopBits.Two => TwoStopBits,
        _ => throw new ArgumentException($"Stop bits '{stopBits}': a Linux serial line has one or two."),
    };
}
