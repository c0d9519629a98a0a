using System.Text.Json;
using ChargeNet.EdgeAgent.Operations;

namespace ChargeNet.EdgeAgent.Cloud.Commands;

/// <summary>A question's answer as a command's result (docs/mqtt.md): what the charger said, in the REST view's camelCase fields; else the refusal's words as the error.</summary>
public static class QuestionAnswer
{
    public static JsonElement? Of<T>(ChargerAnswer<T> answer)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.Value is { } value
            ? JsonSerializer.SerializeToElement(value, JsonSerializerOptions.Web)
            : throw new CloudCommandException(answer.Result.Message);
    }
}
