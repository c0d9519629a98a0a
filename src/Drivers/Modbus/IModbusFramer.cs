namespace ChargeNet.Drivers.Modbus;

/// <summary>How requests and replies are framed on one kind of link: MBAP (TCP) or RTU (serial, RTU over TCP).</summary>
public interface IModbusFramer
{
    /// <summary>Whether replies carry the request's transaction id (MBAP) or not (RTU).</summary>
    bool HasTransactionIds { get; }

    int MaxAduLength { get; }

    int EncodeRequest(Span<byte> adu, ushort transactionId, byte unitId, ReadOnlySpan<byte> pdu);

    FrameStatus TryDecodeResponse(ReadOnlySpan<byte> buffer, out ModbusFrame frame, out string? problem);
}
