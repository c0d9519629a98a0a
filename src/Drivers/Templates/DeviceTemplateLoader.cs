using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChargeNet.Drivers.Templates;

/// <summary>Reads one template from JSON: strict (unknown members, wrong types and missing members are errors), then validated.</summary>
public static class DeviceTemplateLoader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>
    /// Checks <paramref name="json"/> against the template schema, reads it, and checks what a schema
    /// cannot say (references between registers, …); throws <see cref="DeviceTemplateException"/> naming
    /// every problem by its JSON path. The loader's own words come first; the schema's are added where
    /// they name a path the loader did not.
    /// </summary>
    /// <param name="json">The file's text.</param>
    /// <param name="source">The file name, for messages.</param>
    public static DeviceTemplate Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        var schemaProblems = ValidateAgainstSchema(json);
        var (template, problems) = Read(json);
        var covered = problems.Select(PathOf).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(schemaProblems.Where(p => !covered.Contains(PathOf(p))));
        return problems.Count > 0 || template is null ? throw new DeviceTemplateException(source, problems) : template;
    }

    private static IReadOnlyList<string> ValidateAgainstSchema(string json)
    {
        try
        {
            return DeviceTemplateSchema.BuiltIn.Validate(json);
        }
        catch (Newtonsoft.Json.JsonException)
        {
            // Not JSON at all: the reader below names where.
            return [];
        }
    }

    private static (DeviceTemplate? Template, List<string> Problems) Read(string json)
    {
        DeviceTemplate? template;
        try
        {
            template = JsonSerializer.Deserialize<DeviceTemplate>(json, Options);
        }
        catch (JsonException ex)
        {
            return (null, [$"{ex.Path ?? "$"}: {FirstSentence(ex.Message)}"]);
        }

        return template is null ? (null, ["$: the file holds null"]) : (template, [.. DeviceTemplateValidator.Validate(template)]);
    }

    private static string PathOf(string problem) => problem[..Math.Max(0, problem.IndexOf(": ", StringComparison.Ordinal))];

    public static DeviceTemplate LoadFile(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>The serializer options, for tests that write templates.</summary>
    public static JsonSerializerOptions SerializerOptions => Options;

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
