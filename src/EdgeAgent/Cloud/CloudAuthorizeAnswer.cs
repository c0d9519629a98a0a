using System.Text.Json;
using ChargeNet.Drivers.Ocpp.V16.Messages;
using ChargeNet.EdgeAgent.Operations;

namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>
/// The cloud's <c>authorize-result</c> (docs/mqtt.md): whether an idTag may charge, and the terms of
/// the session it admits (a tariff, a budget in money or in energy, the car's departure and energy need).
/// </summary>
public sealed record CloudAuthorizeAnswer(
    string Id, AuthorizationStatus Status, string? Tariff, decimal? MaxCost, double? MaxEnergyWh, DateTimeOffset? DepartureAt = null, decimal? EnergyWh = null)
{
    /// <summary>Reads an <c>authorize-result</c> payload; false with what is wrong (and the request id, when it has one).</summary>
    /// <param name="payload">The payload.</param>
    /// <param name="answer">The answer read.</param>
    /// <param name="id">Its request id, when it has one.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="now">The time its <c>departureAt</c> is judged by (must be after it); null: the system clock.</param>
    public static bool TryParse(ReadOnlySpan<byte> payload, out CloudAuthorizeAnswer? answer, out string? id, out string? problem, DateTimeOffset? now = null)
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
            var departureProblem = OptionalString(root, "departureAt", out var departureText);
            var needProblem = root.TryGetProperty("energyWh", out var needElement) && needElement.ValueKind is not (JsonValueKind.Null or JsonValueKind.Number)
                ? "\"energyWh\" must be a number or null" : null;
            decimal? needWh = needElement.ValueKind == JsonValueKind.Number && needElement.TryGetDecimal(out var need) ? need : null;
            var (departure, needs) = StartNeeds.Check(departureText, needWh, now ?? DateTimeOffset.UtcNow);
            problem = tariffProblem ?? costProblem ?? energyProblem ?? departureProblem ?? needProblem ?? needs?.Message;
            if (problem is not null)
            {
                return false;
            }

            answer = new CloudAuthorizeAnswer(id, parsed, tariff, maxCost, (double?)maxEnergy, departure, needWh);
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
