namespace ChargeNet.Drivers.Modbus;

/// <summary>RTU framing (address, PDU, CRC-16), on a serial line or tunnelled over TCP.</summary>
public sealed class RtuFramer : IModbusFramer
{
    public static RtuFramer Instance { get; } = new();

    public bool HasTransactionIds => false;

    public int MaxAduLength => RtuFrame.MaxLength;

    public int EncodeRequest(Span<byte> adu, ushort transactionId, byte unitId, ReadOnlySpan<byte> pdu) =>
        RtuFrame.Encode(adu, unitId, pdu);

    public FrameStatus TryDecodeResponse(ReadOnlySpan<byte> buffer, out ModbusFrame frame, out string? problem) =>
        RtuFrame.TryDecodeResponse(buffer, out frame, out problem);
}
