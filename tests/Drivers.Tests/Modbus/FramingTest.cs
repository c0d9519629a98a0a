using ChargeNet.Drivers.Modbus;

namespace ChargeNet.Drivers.Tests.Modbus;

public sealed class FramingTest
{
    [Theory]
    // Read holding registers 0-9 of address 1: the CRC C5 CD is the one every RTU reference shows.
    [InlineData(new byte[] { 0x01, 0x03, 0x00, 0x00, 0x00, 0x0A }, 0xCDC5)]
    // Address 17, read holding 108-110 (the serial-line form of the FC03 example).
    [InlineData(new byte[] { 0x11, 0x03, 0x00, 0x6B, 0x00, 0x03 }, 0x8776)]
    public void Crc16_matches_published_frames(byte[] frame, int crc)
    {
        Assert.Equal((ushort)crc, RtuFrame.Crc16(frame));
    }

    [Fact]
    public void An_rtu_request_ends_with_its_crc_low_byte_first()
    {
        var adu = new byte[256];
        var length = RtuFrame.Encode(adu, 0x11, [0x03, 0x00, 0x6B, 0x00, 0x03]);

        Assert.Equal(new byte[] { 0x11, 0x03, 0x00, 0x6B, 0x00, 0x03, 0x76, 0x87 }, adu[..length]);
    }

    [Fact]
    public void An_rtu_reply_is_complete_only_when_its_byte_count_and_crc_are_there()
    {
        var adu = new byte[256];
        var length = RtuFrame.Encode(adu, 0x11, [0x03, 0x06, 0x02, 0x2B, 0x00, 0x00, 0x00, 0x64]);

        for (var i = 0; i < length; i++)
        {
            Assert.Equal(FrameStatus.Incomplete, RtuFrame.TryDecodeResponse(adu.AsSpan(0, i), out _, out _));
        }

        Assert.Equal(FrameStatus.Complete, RtuFrame.TryDecodeResponse(adu.AsSpan(0, length), out var frame, out _));
        Assert.Equal(new ModbusFrame(11, 0, 0x11, 1, 8), frame);
    }

    [Fact]
    public void An_rtu_reply_with_a_wrong_crc_is_invalid()
    {
        var adu = new byte[256];
        var length = RtuFrame.Encode(adu, 1, [0x04, 0x02, 0x00, 0x0A]);
        adu[length - 1] ^= 0x01;

        Assert.Equal(FrameStatus.Invalid, RtuFrame.TryDecodeResponse(adu.AsSpan(0, length), out _, out var problem));
        Assert.Contains("CRC", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_mbap_frame_carries_transaction_protocol_length_and_unit()
    {
        var adu = new byte[260];
        var length = MbapFrame.Encode(adu, 0x1501, 0xFF, [0x03, 0x00, 0x04, 0x00, 0x01]);

        Assert.Equal(new byte[] { 0x15, 0x01, 0x00, 0x00, 0x00, 0x06, 0xFF, 0x03, 0x00, 0x04, 0x00, 0x01 }, adu[..length]);
        Assert.Equal(FrameStatus.Complete, MbapFrame.TryDecode(adu.AsSpan(0, length), out var frame, out _));
        Assert.Equal(new ModbusFrame(12, 0x1501, 0xFF, 7, 5), frame);
        Assert.Equal(FrameStatus.Incomplete, MbapFrame.TryDecode(adu.AsSpan(0, length - 1), out _, out _));
    }

    [Theory]
    [InlineData(new byte[] { 0, 1, 0, 1, 0, 6, 1, 3 }, "protocol id")]
    [InlineData(new byte[] { 0xde, 0xad, 0xbe }, "protocol id begins 0xBE")] // too short for a header, yet no frame's beginning
    [InlineData(new byte[] { 0, 1, 0, 7 }, "protocol id begins 0x0007")]
    [InlineData(new byte[] { 0, 1, 0, 0, 0, 1, 1, 3 }, "MBAP length 1")]
    [InlineData(new byte[] { 0, 1, 0, 0, 1, 0, 1, 3 }, "MBAP length 256")]
    public void An_mbap_header_that_cannot_be_is_invalid(byte[] header, string expected)
    {
        Assert.Equal(FrameStatus.Invalid, MbapFrame.TryDecode(header, out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(9600, 4010)]
    [InlineData(19200, 2005)]
    [InlineData(115200, 1750)]
    public void The_silent_interval_is_three_and_a_half_characters_or_1750_us_above_19200_baud(int baud, int microseconds)
    {
        Assert.Equal(microseconds, (int)Math.Round(RtuTiming.SilentInterval(baud).TotalMicroseconds));
    }
}
