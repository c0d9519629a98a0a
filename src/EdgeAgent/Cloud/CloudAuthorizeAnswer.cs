using System.Text.Json;
using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>
/// The cloud's <c>authorize-result</c> (docs/mqtt.md): whether an idTag may charge, and the terms of
/// the session it admits (a tariff, a budget in money or in energy).
/// </summary>
public sealed record CloudAuthorizeAnswer(string Id, AuthorizationStatus Status, string? Tariff, decimal? MaxCost, double? MaxEnergyWh)
{
    /// <summary>Reads an <c>authorize-result</c> payload; false with what is wrong (and the request id, when it has one).</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out CloudAuthorizeAnswer? answer, out string? id, out string? problem)
    {
        answer = null;
        id = null;
        try
        {
            using var document = JsonDocument.Parse(payload.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "the answer is not a JSON object";
                return false;
            }

            id = root.TryGetProperty("id", out var idValue) && idValue.ValueKind == JsonValueKind.String ? idValue.GetString() : null;
            if (id is null)
            {
                problem = "\"id\" is missing or not a string";
                return false;
            }

            if (!root.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.String
                || status.GetString() is not { } text || !Enum.TryParse<AuthorizationStatus>(text, out var parsed) || parsed.ToString() != text
                || parsed is not (AuthorizationStatus.Accepted or AuthorizationStatus.Blocked or AuthorizationStatus.Expired or AuthorizationStatus.Invalid))
            {
                problem = "\"status\" must be Accepted, Blocked, Expired or Invalid";
                return false;
            }

            var tariffProblem = OptionalString(root, "tariff", out var tariff);
            var costProblem = OptionalAmount(root, "maxCost", out var maxCost);
            var energyProblem = OptionalAmount(root, "maxEnergyWh", out var maxEnergy);
            problem = tariffProblem ?? costProblem ?? energyProblem;
            if (problem is not null)
            {
                return false;
            }

            answer = new CloudAuthorizeAnswer(id, parsed, tariff, maxCost, (double?)maxEnergy);
            return true;
        }
        catch (JsonException e)
        {
            problem = "the answer is not JSON: " + e.Message;
            return false;
        }
    }

    private static string? OptionalString(JsonElement root, string name, out string? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        value = element.ValueKind == JsonValueKind.String && element.GetString() is { Length: > 0 } text ? text : null;
        return value is null ? $"\"{name}\" must be a non-empty string or null" : null;
    }

    private static string? OptionalAmount(JsonElement root, string name, out decimal? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        value = element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out var number) && number >= 0 ? number : null;
        return value is null ? $"\"{name}\" must be a number ≥ 0 or null" : null;
    }
}
