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

    /// <summary>Writes <paramref name="value"/> to the named register, reading its scale exponent first when it has one.</summary>
    public static async Task WriteAsync(
        ModbusClient client, byte unitId, DeviceTemplate template, string name, double value, int addressOffset, CancellationToken cancellationToken)
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

        await client.SendAsync(unitId, BuildRequest(register, value, addressOffset, exponent), cancellationToken).ConfigureAwait(false);
    }
}
