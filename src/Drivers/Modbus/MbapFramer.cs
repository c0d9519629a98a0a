namespace ChargeNet.Drivers.Modbus;

/// <summary>Modbus TCP framing (MBAP header).</summary>
public sealed class MbapFramer : IModbusFramer
{
    public static MbapFramer Instance { get; } = new();

    public bool HasTransactionIds => true;

    public int MaxAduLength => MbapFrame.MaxLength;

    public int EncodeRequest(Span<byte> adu, ushort transactionId, byte unitId, ReadOnlySpan<byte> pdu) =>
        MbapFrame.Encode(adu, transactionId, unitId, pdu);

    public FrameStatus TryDecodeResponse(ReadOnlySpan<byte> buffer, out ModbusFrame frame, out string? problem) =>
        MbapFrame.TryDecode(buffer, out frame, out problem);
}
