using System.IO.Ports;
using System.Runtime.CompilerServices;
using ChargeNet.Drivers.Modbus;
using ChargeNet.Drivers.Modbus.Serial;
using T = ChargeNet.Drivers.Modbus.Serial.TermiosConfiguration;

namespace ChargeNet.Drivers.Tests.Serial;

public sealed class TermiosConfigurationTest
{
    /// <summary>What a tty has after boot: a cooked line at 9600 baud with echo, CR/NL mapping and flow control.</summary>
    private static Termios2 Cooked()
    {
        var t = new Termios2
        {
            InputFlags = T.MapReturnToNewline | T.SoftwareFlowOut | T.BreakInterrupts,
            OutputFlags = T.PostProcessOutput,
            ControlFlags = 0xD /* B9600 */ | T.HardwareFlowControl | T.TwoStopBits | 0x20 /* CS7 */,
            LocalFlags = T.Canonical | T.Echo | T.Signals | T.ExtendedInput,
        };
        t.ControlCharacters[T.ReadMinimumIndex] = 0;
        t.ControlCharacters[T.ReadTimeoutIndex] = 10;
        return t;
    }

    [Fact]
    public void The_struct_has_the_kernels_size_of_44_bytes() => Assert.Equal(44, Unsafe.SizeOf<Termios2>());

    [Fact]
    public void Even_parity_one_stop_bit_19200_baud_is_a_raw_8E1_line_with_the_baud_as_a_number()
    {
        var t = T.Configure(Cooked(), new SerialLineSettings("/dev/ttyUSB0", 19200, Parity.Even, StopBits.One));

        Assert.Equal(0u, t.LocalFlags & (T.Canonical | T.Echo | T.Signals | T.ExtendedInput));
        Assert.Equal(0u, t.OutputFlags & T.PostProcessOutput);
        Assert.Equal(0u, t.InputFlags & (T.MapReturnToNewline | T.SoftwareFlowOut | T.BreakInterrupts));
        Assert.Equal(T.CheckParity, t.InputFlags & T.CheckParity);
        Assert.Equal(0x30u /* CS8 */, t.ControlFlags & T.CharacterSizeMask);
        Assert.Equal(T.ParityEnable, t.ControlFlags & (T.ParityEnable | T.OddParity | T.StickParity));
        Assert.Equal(0u, t.ControlFlags & (T.TwoStopBits | T.HardwareFlowControl));
        Assert.Equal(T.EnableReceiver | T.IgnoreModemLines, t.ControlFlags & (T.EnableReceiver | T.IgnoreModemLines));
        Assert.Equal(T.BaudFromSpeedFields | (T.BaudFromSpeedFields << T.InputBaudShift), t.ControlFlags & (T.BaudMask | (T.BaudMask << T.InputBaudShift)));
        Assert.Equal(19200u, t.InputSpeed);
        Assert.Equal(19200u, t.OutputSpeed);
        Assert.Equal(1, t.ControlCharacters[T.ReadMinimumIndex]);
        Assert.Equal(0, t.ControlCharacters[T.ReadTimeoutIndex]);
    }

    [Theory]
    [InlineData(Parity.None, StopBits.Two, 0u, 0x40u)]
    [InlineData(Parity.Odd, StopBits.One, 0x300u, 0u)]
    [InlineData(Parity.Mark, StopBits.One, 0x40000300u, 0u)]
    [InlineData(Parity.Space, StopBits.One, 0x40000100u, 0u)]
    public void Each_parity_and_stop_bit_setting_has_its_flags(Parity parity, StopBits stopBits, uint parityFlags, uint stopFlags)
    {
        var t = T.Configure(Cooked(), new SerialLineSettings("/dev/ttyS0", 9600, parity, stopBits));

        Assert.Equal(parityFlags, t.ControlFlags & (T.ParityEnable | T.OddParity | T.StickParity));
        Assert.Equal(stopFlags, t.ControlFlags & T.TwoStopBits);
        Assert.Equal(parity == Parity.None ? 0u : T.CheckParity, t.InputFlags & T.CheckParity);
    }

    [Theory]
    [InlineData(Parity.Even, StopBits.OnePointFive, 8, "Stop bits 'OnePointFive'")]
    [InlineData(Parity.Even, StopBits.None, 8, "Stop bits 'None'")]
    [InlineData(Parity.Even, StopBits.One, 9, "9 data bits")]
    public void Settings_a_line_cannot_have_are_refused_by_name(Parity parity, StopBits stopBits, int dataBits, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => T.Configure(Cooked(), new SerialLineSettings("/dev/ttyS0", 9600, parity, stopBits, dataBits)));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }
}
