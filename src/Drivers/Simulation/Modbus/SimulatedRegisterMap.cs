using ChargeNet.Drivers.Modbus;
using ChargeNet.Drivers.Templates;

namespace ChargeNet.Drivers.Simulation.Modbus;

/// <summary>
/// A device's four Modbus tables at the register level, as a real device keeps them: only defined
/// addresses exist (others answer illegal data address), only holding registers and coils take
/// writes. <see cref="BeforeRead"/> lets a device refresh live values; <see cref="Written"/> tells it
/// what a master wrote. Thread-safe.
/// </summary>
public sealed class SimulatedRegisterMap : IModbusServerUnit
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ushort, ushort> _holding = [];
    private readonly Dictionary<ushort, ushort> _input = [];
    private readonly Dictionary<ushort, bool> _coils = [];
    private readonly Dictionary<ushort, bool> _discrete = [];

    /// <summary>Raised (under no lock) before a read is answered.</summary>
    public event EventHandler? BeforeRead;

    /// <summary>Raised after a write has been applied and before it is answered.</summary>
    public event EventHandler<RegisterWriteEventArgs>? Written;

    /// <summary>How many requests were answered (normal or exception).</summary>
    public long RequestCount { get; private set; }

    /// <summary>Makes <paramref name="count"/> addresses from <paramref name="address"/> exist, holding 0.</summary>
    public void Define(RegisterFunction table, int address, int count)
    {
        lock (_lock)
        {
            for (var a = address; a < address + count; a++)
            {
                switch (table)
                {
                    case RegisterFunction.Holding: _holding.TryAdd((ushort)a, 0); break;
                    case RegisterFunction.Input: _input.TryAdd((ushort)a, 0); break;
                    case RegisterFunction.Coil: _coils.TryAdd((ushort)a, false); break;
                    default: _discrete.TryAdd((ushort)a, false); break;
                }
            }
        }
    }

    /// <summary>Sets registers (coils and inputs: non-zero is on), defining them when needed.</summary>
    public void Set(RegisterFunction table, int address, ReadOnlySpan<ushort> words)
    {
        lock (_lock)
        {
            for (var i = 0; i < words.Length; i++)
            {
                var a = (ushort)(address + i);
                switch (table)
                {
                    case RegisterFunction.Holding: _holding[a] = words[i]; break;
                    case RegisterFunction.Input: _input[a] = words[i]; break;
                    case RegisterFunction.Coil: _coils[a] = words[i] != 0; break;
                    default: _discrete[a] = words[i] != 0; break;
                }
            }
        }
    }

    /// <summary>Reads registers as words (coils and inputs as 0/1); undefined addresses read 0.</summary>
    public ushort[] Get(RegisterFunction table, int address, int count)
    {
        lock (_lock)
        {
            var words = new ushort[count];
            for (var i = 0; i < count; i++)
            {
                var a = (ushort)(address + i);
                words[i] = table switch
                {
                    RegisterFunction.Holding => _holding.GetValueOrDefault(a),
                    RegisterFunction.Input => _input.GetValueOrDefault(a),
                    RegisterFunction.Coil => _coils.GetValueOrDefault(a) ? (ushort)1 : (ushort)0,
                    _ => _discrete.GetValueOrDefault(a) ? (ushort)1 : (ushort)0,
                };
            }

            return words;
        }
    }

    public ModbusResponse Handle(ModbusRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.IsRead)
        {
            BeforeRead?.Invoke(this, EventArgs.Empty);
        }

        RegisterWriteEventArgs? written;
        ModbusResponse response;
        lock (_lock)
        {
            RequestCount++;
            (response, written) = Apply(request);
        }

        if (written is not null)
        {
            Written?.Invoke(this, written);
        }

        return response;
    }

    private (ModbusResponse Response, RegisterWriteEventArgs? Written) Apply(ModbusRequest request)
    {
        switch (request.Function)
        {
            case ModbusFunctionCode.ReadCoils:
                return (ModbusResponse.ForBits(request.Function, ReadBits(_coils, request)), null);
            case ModbusFunctionCode.ReadDiscreteInputs:
                return (ModbusResponse.ForBits(request.Function, ReadBits(_discrete, request)), null);
            case ModbusFunctionCode.ReadHoldingRegisters:
                return (ModbusResponse.ForRegisters(request.Function, ReadWords(_holding, request.Address, request.Quantity, request)), null);
            case ModbusFunctionCode.ReadInputRegisters:
                return (ModbusResponse.ForRegisters(request.Function, ReadWords(_input, request.Address, request.Quantity, request)), null);
            case ModbusFunctionCode.WriteSingleCoil or ModbusFunctionCode.WriteMultipleCoils:
                Require(_coils, request.Address, request.Bits.Count, request);
                for (var i = 0; i < request.Bits.Count; i++)
                {
                    _coils[(ushort)(request.Address + i)] = request.Bits[i];
                }

                return (ModbusResponse.ForWrite(request.Function), new RegisterWriteEventArgs(RegisterFunction.Coil, request.Address, request.Bits.Count));
            case ModbusFunctionCode.WriteSingleRegister or ModbusFunctionCode.WriteMultipleRegisters:
                WriteWords(request.Address, request.Registers, request);
                return (ModbusResponse.ForWrite(request.Function), new RegisterWriteEventArgs(RegisterFunction.Holding, request.Address, request.Registers.Count));
            default:
                // FC 23: the write is performed before the read (Application Protocol 6.17).
                Require(_holding, request.Address, request.Quantity, request);
                WriteWords(request.WriteAddress, request.Registers, request);
                return (ModbusResponse.ForRegisters(request.Function, ReadWords(_holding, request.Address, request.Quantity, request)),
                    new RegisterWriteEventArgs(RegisterFunction.Holding, request.WriteAddress, request.Registers.Count));
        }
    }

    private void WriteWords(ushort address, IReadOnlyList<ushort> values, ModbusRequest request)
    {
        Require(_holding, address, values.Count, request);
        for (var i = 0; i < values.Count; i++)
        {
            _holding[(ushort)(address + i)] = values[i];
        }
    }

    private static ushort[] ReadWords(Dictionary<ushort, ushort> table, ushort address, int count, ModbusRequest request)
    {
        Require(table, address, count, request);
        var words = new ushort[count];
        for (var i = 0; i < count; i++)
        {
            words[i] = table[(ushort)(address + i)];
        }

        return words;
    }

    private static bool[] ReadBits(Dictionary<ushort, bool> table, ModbusRequest request)
    {
        Require(table, request.Address, request.Quantity, request);
        var bits = new bool[request.Quantity];
        for (var i = 0; i < bits.Length; i++)
        {
            bits[i] = table[(ushort)(request.Address + i)];
        }

        return bits;
    }

    private static void Require<T>(Dictionary<ushort, T> table, int address, int count, ModbusRequest request)
    {
        for (var a = address; a < address + count; a++)
        {
            if (!table.ContainsKey((ushort)a))
            {
                throw new ModbusExceptionResponseException(request.Function, ModbusExceptionCode.IllegalDataAddress);
            }
        }
    }
}
