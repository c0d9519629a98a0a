using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChargeNet.Drivers.Ocpp.Ports;

/// <summary>Writes a <see cref="ChargerTransactionId"/> as a JSON number (1.6) or string (2.0.1), and reads either.</summary>
public sealed class ChargerTransactionIdJsonConverter : JsonConverter<ChargerTransactionId>
{
    public override ChargerTransactionId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number => ChargerTransactionId.FromNumber(reader.GetInt32()),
        JsonTokenType.String => ChargerTransactionId.FromStation(reader.GetString()!),
        _ => throw new JsonException("a transaction id is a number or a string"),
    };

    public override void Write(Utf8JsonWriter writer, ChargerTransactionId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.Number is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(value.Text);
        }
    }
}
