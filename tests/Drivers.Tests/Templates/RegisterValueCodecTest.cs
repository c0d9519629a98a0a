using ChargeNet.Drivers.Templates;

namespace ChargeNet.Drivers.Tests.Templates;

public sealed class RegisterValueCodecTest
{
    private static RegisterDefinition Register(RegisterDataType type, WordOrder words = WordOrder.HighFirst, ByteOrder bytes = ByteOrder.BigEndian) =>
        new() { Address = 0, Type = type, WordOrder = words, ByteOrder = bytes };

    [Theory]
    // 10.0f = 41200000: high word first, low word first, and bytes swapped inside each word.
    [InlineData(WordOrder.HighFirst, ByteOrder.BigEndian, new ushort[] { 0x4120, 0x0000 })]
    [InlineData(WordOrder.LowFirst, ByteOrder.BigEndian, new ushort[] { 0x0000, 0x4120 })]
    [InlineData(WordOrder.HighFirst, ByteOrder.LittleEndian, new ushort[] { 0x2041, 0x0000 })]
    [InlineData(WordOrder.LowFirst, ByteOrder.LittleEndian, new ushort[] { 0x0000, 0x2041 })]
    public void A_float32_is_read_and_written_in_each_word_and_byte_order(WordOrder words, ByteOrder bytes, ushort[] registers)
    {
        var register = Register(RegisterDataType.Ieee32, words, bytes);

        Assert.Equal(10.0, RegisterValueCodec.DecodeRaw(register, registers));
        Assert.Equal(registers, RegisterValueCodec.EncodeRaw(register, 10.0));
    }

    [Theory]
    [InlineData(RegisterDataType.U16, new ushort[] { 0xFFFF }, 65535)]
    [InlineData(RegisterDataType.S16, new ushort[] { 0xFFFF }, -1)]
    [InlineData(RegisterDataType.U32, new ushort[] { 0x0001, 0x0000 }, 65536)]
    [InlineData(RegisterDataType.S32, new ushort[] { 0xFFFF, 0xFFFE }, -2)]
    [InlineData(RegisterDataType.U64, new ushort[] { 0, 0, 0x0001, 0x0000 }, 65536)]
    [InlineData(RegisterDataType.S64, new ushort[] { 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFD }, -3)]
    [InlineData(RegisterDataType.Ieee64, new ushort[] { 0x4024, 0, 0, 0 }, 10)]
    public void Each_numeric_type_round_trips(RegisterDataType type, ushort[] registers, double value)
    {
        var register = Register(type);

        Assert.Equal(value, RegisterValueCodec.DecodeRaw(register, registers));
        Assert.Equal(registers, RegisterValueCodec.EncodeRaw(register, value));
    }

    [Fact]
    public void A_masked_byte_is_read_and_written_in_place()
    {
        var register = new RegisterDefinition { Address = 0, Type = RegisterDataType.U16, Mask = 0x7F00, Shift = 8 };

        Assert.Equal(4, RegisterValueCodec.DecodeRaw(register, [0x8412]));
        Assert.Equal(new ushort[] { 0x0400 }, RegisterValueCodec.EncodeRaw(register, 4));
    }

    [Fact]
    public void A_string_drops_trailing_nuls_and_round_trips()
    {
        var register = new RegisterDefinition { Address = 0, Type = RegisterDataType.Text, Length = 5 };

        Assert.Equal("C2", RegisterValueCodec.DecodeText(register, [0x4332, 0, 0, 0, 0]));
        Assert.Equal(new ushort[] { 0x4332, 0, 0, 0, 0 }, RegisterValueCodec.EncodeText(register, "C2"));
    }

    [Fact]
    public void A_value_out_of_the_type_range_is_refused_not_wrapped()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RegisterValueCodec.EncodeRaw(Register(RegisterDataType.U16), 70000));
        Assert.Throws<ArgumentOutOfRangeException>(() => RegisterValueCodec.EncodeRaw(Register(RegisterDataType.U16), -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => RegisterValueCodec.EncodeRaw(Register(RegisterDataType.Ieee32), double.NaN));
    }

    [Theory]
    [InlineData("mA", 1, 0, 0.001)]
    [InlineData("dA", 1, 0, 0.1)]
    [InlineData("kWh", 1, 0, 1000)]
    [InlineData("A", 1, -2, 0.01)]
    [InlineData("W", 0.5, 1, 5)]
    public void The_factor_combines_scale_exponent_and_unit(string unit, double scale, int exponent, double factor)
    {
        Assert.Equal(factor, RegisterValueCodec.Factor(new RegisterDefinition { Address = 0, Unit = unit, Scale = scale }, exponent), 9);
    }
}
