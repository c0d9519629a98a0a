using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>Reads an id given as a JSON integer or a string (OCPP 1.6 transaction ids are integers, 2.0.1's strings) as its text.</summary>
public sealed class NumberOrStringJsonConverter : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number when reader.TryGetInt64(out var number) => number.ToString(CultureInfo.InvariantCulture),
        JsonTokenType.Null => null,
        _ => throw new JsonException("must be an integer or a string"),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
