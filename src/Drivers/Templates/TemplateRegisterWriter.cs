using ChargeNet.Drivers.Modbus;

namespace ChargeNet.Drivers.Templates;

/// <summary>Writes a value in its base unit to a template register, with the function the register wants.</summary>
public static class TemplateRegisterWriter
{
    /// <summary>The request that writes <paramref name="value"/> (base unit) to <paramref name="register"/>.</summary>
    /// <param name="register">The register.</param>
    /// <param name="value">The value in A, s, or a plain number.</param>
    /// <param name="addressOffset">The connector's address offset.</param>
    /// <param name="exponent">The register's power-of-ten exponent, when it has a scale exponent register.</param>
    public static ModbusRequest BuildRequest(RegisterDefinition register, double value, int addressOffset = 0, int exponent = 0)
    {
        ArgumentNullException.ThrowIfNull(register);
        var address = (ushort)(register.Address + addressOffset);
        if (register.Function == RegisterFunction.Coil)
        {
            return register.WriteFunction == 15 ? ModbusRequest.WriteMultipleCoils(address, [value != 0]) : ModbusRequest.WriteSingleCoil(address, value != 0);
        }

        if (register.Function != RegisterFunction.Holding)
        {
            throw new ArgumentException($"A {register.Function} value cannot be written.", nameof(register));
        }

        var words = RegisterValueCodec.EncodeRaw(register, value / RegisterValueCodec.Factor(register, exponent));
        return words.Length == 1 && register.WriteFunction != 16
            ? ModbusRequest.WriteSingleRegister(address, words[0])
            : ModbusRequest.WriteMultipleRegisters(address, words);
    }

    /// <summary>
    /// <paramref name="value"/> (base unit) rounded DOWN to what the register can hold: a whole number
    /// of its steps for integer types (16.9 A in whole amperes is 16 A, never 17), the next float at or
    /// below it for float32. Used for current limits, which must never be rounded up.
    /// </summary>
    public static double RoundDown(RegisterDefinition register, double value, int exponent = 0)
    {
        ArgumentNullException.ThrowIfNull(register);
        var factor = RegisterValueCodec.Factor(register, exponent);
        var raw = value / factor;
        return register.Type switch
        {
            RegisterDataType.Ieee64 => value,
            RegisterDataType.Ieee32 => (float)raw > raw ? MathF.BitDecrement((float)raw) * factor : (float)raw * factor,
            _ => Math.Floor(raw + 1e-9) * factor, // 1e-9: 13.3 / 0.1 is 132.99999999999997 in binary, and is 133 steps
        };
    }

    /// <summary>
    /// Writes <paramref name="value"/> to the named register, reading its scale exponent first when it
    /// has one; with <paramref name="roundDown"/>, rounded down to the register's resolution
    /// (<see cref="RoundDown"/>). Returns the value written, in the base unit.
    /// </summary>
    public static async Task<double> WriteAsync(
        ModbusClient client, byte unitId, DeviceTemplate template, string name, double value, int addressOffset, CancellationToken cancellationToken, bool roundDown = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(template);
        var register = template.Registers[name];
        var exponent = 0;
        if (register.ScaleExponentRegister is { } exponentName)
        {
            var exponentRegister = template.Registers[exponentName];
            var words = await client.ReadHoldingRegistersAsync(unitId, (ushort)(exponentRegister.Address + addressOffset), 1, cancellationToken).ConfigureAwait(false);
            exponent = (int)RegisterValueCodec.DecodeRaw(exponentRegister, words);
        }

        var written = roundDown ? RoundDown(register, value, exponent) : value;
        await client.SendAsync(unitId, BuildRequest(register, written, addressOffset, exponent), cancellationToken).ConfigureAwait(false);
        return written;
    }
}
