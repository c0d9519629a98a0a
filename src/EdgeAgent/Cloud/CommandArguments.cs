using System.Text.Json;

namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>Reads a command's arguments, refusing each wrong one with a message that names it.</summary>
public static class CommandArguments
{
    public static string RequiredString(JsonElement command, string name) =>
        OptionalString(command, name) ?? throw new CloudCommandException($"'{name}' is required (a non-empty string)");

    public static string? OptionalString(JsonElement command, string name)
    {
        if (!command.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new CloudCommandException($"'{name}' must be a non-empty string");
    }

    /// <summary>An array of non-empty strings, or null when not given.</summary>
    public static IReadOnlyList<string>? OptionalStrings(JsonElement command, string name)
    {
        if (!command.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 })
            ? [.. value.EnumerateArray().Select(v => v.GetString()!)]
            : throw new CloudCommandException($"'{name}' must be an array of non-empty strings");
    }

    public static int RequiredInt(JsonElement command, string name, int min, int max) =>
        OptionalInt(command, name, min, max) ?? throw new CloudCommandException($"'{name}' is required (an integer from {min} to {max})");

    public static int? OptionalInt(JsonElement command, string name, int min, int max)
    {
        if (!command.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max
            ? number
            : throw new CloudCommandException($"'{name}' must be an integer from {min} to {max}");
    }

    /// <summary>An id given as an integer or a non-empty string (OCPP 1.6 transaction ids are integers, 2.0.1's strings), as its text.</summary>
    public static string? OptionalId(JsonElement command, string name)
    {
        if (!command.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            JsonValueKind.String when value.GetString() is { Length: > 0 } text => text,
            _ => throw new CloudCommandException($"'{name}' must be an integer or a non-empty string"),
        };
    }

    /// <summary>An ISO 8601 date and time with its offset (e.g. 2026-12-02T22:00:00Z), or null when not given.</summary>
    public static DateTimeOffset? OptionalTimestamp(JsonElement command, string name)
    {
        if (!command.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var at)
            ? at
            : throw new CloudCommandException($"'{name}' must be an ISO 8601 date and time with its offset (e.g. 2026-12-02T22:00:00Z)");
    }

    public static double RequiredNumber(JsonElement command, string name, double minExclusive, double max)
    {
        if (command.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetDouble(out var number) && number > minExclusive && number <= max)
        {
            return number;
        }

        throw new CloudCommandException($"'{name}' is required (a number above {minExclusive} and at most {max})");
    }

    /// <summary>A number read exactly (money, energy: no binary floating point); null when left out.</summary>
    public static decimal? OptionalDecimal(JsonElement command, string name)
    {
        if (!command.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var amount)
            ? amount
            : throw new CloudCommandException($"'{name}' must be a number");
    }

    public static string OneOf(JsonElement command, string name, params string[] allowed)
    {
        var text = RequiredString(command, name);
        return allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase))
            ?? throw new CloudCommandException($"'{name}' must be one of {string.Join(", ", allowed)}");
    }

    public static JsonElement RequiredObject(JsonElement command, string name) =>
        command.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw new CloudCommandException($"'{name}' is required (a JSON object)");
}
