namespace ChargeNet.Drivers.Modbus;

/// <summary>A decoded normal response: the registers or bits read (empty for writes).</summary>
/// <param name="Function">The function answered.</param>
/// <param name="Registers">Registers read (FC 03, 04, 23).</param>
/// <param name="Bits">Coils or inputs read (FC 01, 02), exactly as many as were asked for.</param>
public sealed record ModbusResponse(ModbusFunctionCode Function, IReadOnlyList<ushort> Registers, IReadOnlyList<bool> Bits)
{
    public static ModbusResponse ForWrite(ModbusFunctionCode function) => new(function, [], []);

    public static ModbusResponse ForRegisters(ModbusFunctionCode function, IReadOnlyList<ushort> registers) => new(function, registers, []);

    public static ModbusResponse ForBits(ModbusFunctionCode function, IReadOnlyList<bool> bits) => new(function, [], bits);
}
