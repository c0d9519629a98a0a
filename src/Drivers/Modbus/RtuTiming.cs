namespace ChargeNet.Drivers.Modbus;

/// <summary>
/// RTU inter-frame timing (Modbus over Serial Line v1.02, section 2.5.1.1): a frame is followed by at
/// least 3.5 character times of silence; above 19200 baud the fixed value of 1.75 ms is used.
/// </summary>
public static class RtuTiming
{
    /// <summary>An RTU character is 11 bits: start, 8 data, parity (or a second stop bit), stop.</summary>
    public const int BitsPerCharacter = 11;

    public static TimeSpan CharacterTime(int baudRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(baudRate);
        return TimeSpan.FromTicks(TimeSpan.TicksPerSecond * BitsPerCharacter / baudRate);
    }

    /// <summary>The 3.5-character silent interval that separates frames.</summary>
    public static TimeSpan SilentInterval(int baudRate) =>
        baudRate > 19200 ? TimeSpan.FromMicroseconds(1750) : TimeSpan.FromTicks(CharacterTime(baudRate).Ticks * 7 / 2);

    /// <summary>How long <paramref name="bytes"/> take on the line.</summary>
    public static TimeSpan TransmissionTime(int bytes, int baudRate) => TimeSpan.FromTicks(CharacterTime(baudRate).Ticks * bytes);
}
