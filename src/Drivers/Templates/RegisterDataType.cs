using System.Text.Json.Serialization;

namespace ChargeNet.Drivers.Templates;

/// <summary>How the words of a value are to be read; the JSON names are u16, s16, …, float32, float64, string.</summary>
public enum RegisterDataType
{
    [JsonStringEnumMemberName("u16")]
    U16,

    [JsonStringEnumMemberName("s16")]
    S16,

    [JsonStringEnumMemberName("u32")]
    U32,

    [JsonStringEnumMemberName("s32")]
    S32,

    [JsonStringEnumMemberName("u64")]
    U64,

    [JsonStringEnumMemberName("s64")]
    S64,

    /// <summary>IEEE 754 single precision.</summary>
    [JsonStringEnumMemberName("float32")]
    Ieee32,

    /// <summary>IEEE 754 double precision.</summary>
    [JsonStringEnumMemberName("float64")]
    Ieee64,

    /// <summary>ASCII, two characters per register, first character in the high byte; trailing NULs and spaces dropped.</summary>
    [JsonStringEnumMemberName("string")]
    Text,
}
