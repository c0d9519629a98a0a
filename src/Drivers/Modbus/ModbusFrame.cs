namespace ChargeNet.Drivers.Modbus;

/// <summary>Where one whole ADU lies in a receive buffer.</summary>
/// <param name="Length">Bytes the whole ADU takes (header, PDU, CRC).</param>
/// <param name="TransactionId">The MBAP transaction id; 0 for RTU, which has none.</param>
/// <param name="UnitId">The unit id (MBAP) or server address (RTU).</param>
/// <param name="PduOffset">Where the PDU starts inside the ADU.</param>
/// <param name="PduLength">How long the PDU is.</param>
public readonly record struct ModbusFrame(int Length, ushort TransactionId, byte UnitId, int PduOffset, int PduLength);
