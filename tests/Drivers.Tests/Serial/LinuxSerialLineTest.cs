using System.IO.Ports;
using ChargeNet.Drivers.Modbus;
using ChargeNet.Drivers.Modbus.Serial;
using ChargeNet.Integration.Tests.Modbus;
using T = ChargeNet.Drivers.Modbus.Serial.TermiosConfiguration;

namespace ChargeNet.Drivers.Tests.Serial;

/// <summary>The Linux serial line on one side of a socat pty pair; the other side is opened as a plain file.</summary>
public sealed class LinuxSerialLineTest
{
    [Fact]
    public async Task The_tty_is_set_to_what_was_asked()
    {
        await using var pair = await PtyPair.OpenAsync();
        using var line = LinuxSerialLine.Open(new SerialLineSettings(pair.ClientPath, 38400, Parity.None, StopBits.Two));

        var t = LinuxSerialLine.ReadSettings(line.Handle, pair.ClientPath);

        // A pty keeps what a UART would be set to, except parity: the kernel's pty driver clears it
        // (the flags for each parity are checked in TermiosConfigurationTest).
        Assert.Equal(0u, t.LocalFlags & (T.Canonical | T.Echo | T.Signals));
        Assert.Equal(0u, t.InputFlags & (T.MapReturnToNewline | T.SoftwareFlowOut));
        Assert.Equal(0x30u, t.ControlFlags & T.CharacterSizeMask);
        Assert.Equal(T.TwoStopBits, t.ControlFlags & T.TwoStopBits);
        Assert.Equal(38400u, t.OutputSpeed);
    }

    [Fact]
    public async Task Bytes_go_both_ways_and_a_waiting_read_completes_when_they_arrive()
    {
        await using var pair = await PtyPair.OpenAsync();
        using var line = LinuxSerialLine.Open(new SerialLineSettings(pair.ClientPath, 19200, Parity.None, StopBits.Two));
        await using var other = OpenOtherSide(pair);

        await line.WriteAsync(new byte[] { 1, 3, 0, 0, 0, 1 });
        Assert.Equal(new byte[] { 1, 3, 0, 0, 0, 1 }, await ReadExactlyAsync(other, 6));

        var buffer = new byte[16];
        var waiting = line.ReadAsync(buffer).AsTask();
        Assert.False(waiting.IsCompleted);
        await other.WriteAsync(new byte[] { 0xAB, 0xCD });
        await other.FlushAsync();

        var read = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(new byte[] { 0xAB, 0xCD }, buffer[..read]);
    }

    [Fact]
    public async Task A_waiting_read_is_cancelled_promptly_and_the_line_reads_on_afterwards()
    {
        await using var pair = await PtyPair.OpenAsync();
        using var line = LinuxSerialLine.Open(new SerialLineSettings(pair.ClientPath, 19200, Parity.None, StopBits.Two));
        await using var other = OpenOtherSide(pair);
        using var cancel = new CancellationTokenSource();

        var waiting = line.ReadAsync(new byte[16], cancel.Token).AsTask();
        await cancel.CancelAsync();

        // Promptly: the cancellation itself ends the read (not a later look by the line's waiter thread), so a
        // byte that arrives right after it is not taken by the cancelled read but left for the next one.
        // Told by the order of events, not by a wall-clock bound (10 s below only guards against a hang).
        await other.WriteAsync(new byte[] { 42 });
        await other.FlushAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        var buffer = new byte[4];
        Assert.Equal(1, await line.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(42, buffer[0]);
    }

    [Fact]
    public async Task Closing_the_line_ends_a_waiting_read_with_an_error_not_a_hang()
    {
        await using var pair = await PtyPair.OpenAsync();
        var line = LinuxSerialLine.Open(new SerialLineSettings(pair.ClientPath, 19200, Parity.None, StopBits.Two));

        var waiting = line.ReadAsync(new byte[16]).AsTask();
        await line.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_line_that_hangs_up_ends_the_waiting_read_at_end_of_file()
    {
        var pair = await PtyPair.OpenAsync();
        using var line = LinuxSerialLine.Open(new SerialLineSettings(pair.ClientPath, 19200, Parity.None, StopBits.Two));
        var waiting = line.ReadAsync(new byte[16]).AsTask();

        await pair.DisposeAsync();

        // 0 bytes: the transport takes it as a broken line and opens it again later.
        Assert.Equal(0, await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_second_opener_of_the_same_line_is_refused_naming_it()
    {
        await using var pair = await PtyPair.OpenAsync();
        using var line = LinuxSerialLine.Open(new SerialLineSettings(pair.ClientPath, 19200));

        var ex = Assert.Throws<IOException>(() => LinuxSerialLine.Open(new SerialLineSettings(pair.ClientPath, 19200)));

        Assert.Contains($"{pair.ClientPath} is in use by another program", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_device_or_a_file_that_is_not_a_tty_is_a_clear_error()
    {
        var missing = Assert.Throws<IOException>(() => LinuxSerialLine.Open(new SerialLineSettings("/dev/ttyNOPE-chargenet", 19200)));
        Assert.Contains("cannot open /dev/ttyNOPE-chargenet", missing.Message, StringComparison.Ordinal);

        var file = Path.GetTempFileName();
        try
        {
            var notTty = Assert.Throws<IOException>(() => LinuxSerialLine.Open(new SerialLineSettings(file, 19200)));
            Assert.Contains($"{file} is not a serial line", notTty.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static FileStream OpenOtherSide(PtyPair pair) =>
        new(pair.ServerPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);

    private static async Task<byte[]> ReadExactlyAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        return buffer;
    }
}
