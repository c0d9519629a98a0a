namespace ChargeNet.Drivers.Modbus;

/// <summary>
/// One Modbus request, checked against the quantity limits of the specification when it is made, so a
/// request that exists can always be encoded. Build it through the static factories.
/// </summary>
public sealed class ModbusRequest
{
    public const int MaxReadBits = 2000;
    public const int MaxReadRegisters = 125;
    public const int MaxWriteBits = 1968;
    public const int MaxWriteRegisters = 123;
    public const int MaxReadWriteWriteRegisters = 121;

    private ModbusRequest(ModbusFunctionCode function, ushort address, ushort quantity, ushort writeAddress, ushort[] registers, bool[] bits)
    {
        Function = function;
        Address = address;
        Quantity = quantity;
        WriteAddress = writeAddress;
        Registers = registers;
        Bits = bits;
    }

    public ModbusFunctionCode Function { get; }

    /// <summary>First address read (reads and FC 23) or written (writes).</summary>
    public ushort Address { get; }

    /// <summary>How many coils/registers are read (reads and FC 23) or written (writes).</summary>
    public ushort Quantity { get; }

    /// <summary>First register written by FC 23.</summary>
    public ushort WriteAddress { get; }

    /// <summary>Register values written (FC 06, 16, 23).</summary>
    public IReadOnlyList<ushort> Registers { get; }

    /// <summary>Coil values written (FC 05, 15).</summary>
    public IReadOnlyList<bool> Bits { get; }

    public bool IsRead => Function is ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs
        or ModbusFunctionCode.ReadHoldingRegisters or ModbusFunctionCode.ReadInputRegisters or ModbusFunctionCode.ReadWriteMultipleRegisters;

    public static ModbusRequest ReadCoils(ushort address, int quantity) => Read(ModbusFunctionCode.ReadCoils, address, quantity, MaxReadBits);

    public static ModbusRequest ReadDiscreteInputs(ushort address, int quantity) => Read(ModbusFunctionCode.ReadDiscreteInputs, address, quantity, MaxReadBits);

    public static ModbusRequest ReadHoldingRegisters(ushort address, int quantity) => Read(ModbusFunctionCode.ReadHoldingRegisters, address, quantity, MaxReadRegisters);

    public static ModbusRequest ReadInputRegisters(ushort address, int quantity) => Read(ModbusFunctionCode.ReadInputRegisters, address, quantity, MaxReadRegisters);

    public static ModbusRequest WriteSingleCoil(ushort address, bool value) =>
        new(ModbusFunctionCode.WriteSingleCoil, address, 1, 0, [], [value]);

    public static ModbusRequest WriteSingleRegister(ushort address, ushort value) =>
        new(ModbusFunctionCode.WriteSingleRegister, address, 1, 0, [value], []);

    public static ModbusRequest WriteMultipleCoils(ushort address, IReadOnlyList<bool> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckRange(address, values.Count, MaxWriteBits, nameof(values));
        return new(ModbusFunctionCode.WriteMultipleCoils, address, (ushort)values.Count, 0, [], [.. values]);
    }

    public static ModbusRequest WriteMultipleRegisters(ushort address, IReadOnlyList<ushort> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckRange(address, values.Count, MaxWriteRegisters, nameof(values));
        return new(ModbusFunctionCode.WriteMultipleRegisters, address, (ushort)values.Count, 0, [.. values], []);
    }

    public static ModbusRequest ReadWriteMultipleRegisters(ushort readAddress, int readQuantity, ushort writeAddress, IReadOnlyList<ushort> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckRange(readAddress, readQuantity, MaxReadRegisters, nameof(readQuantity));
        CheckRange(writeAddress, values.Count, MaxReadWriteWriteRegisters, nameof(values));
        return new(ModbusFunctionCode.ReadWriteMultipleRegisters, readAddress, (ushort)readQuantity, writeAddress, [.. values], []);
    }

    public override string ToString() => Function switch
    {
        ModbusFunctionCode.ReadWriteMultipleRegisters => $"FC{(byte)Function:D2} read {Address}+{Quantity} write {WriteAddress}+{Registers.Count}",
        _ => $"FC{(byte)Function:D2} {Address}+{Quantity}",
    };

    private static ModbusRequest Read(ModbusFunctionCode function, ushort address, int quantity, int max)
    {
        CheckRange(address, quantity, max, nameof(quantity));
        return new(function, address, (ushort)quantity, 0, [], []);
    }

    private static void CheckRange(ushort address, int quantity, int max, string name)
    {
        if (quantity < 1 || quantity > max)
        {
            throw new ArgumentOutOfRangeException(name, quantity, $"A quantity is 1 to {max} here.");
        }

        if (address + quantity > 0x10000)
        {
            throw new ArgumentOutOfRangeException(name, quantity, $"Address {address} plus quantity {quantity} runs past 65535.");
        }
    }
}
