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

    /// <summary>Parses and validates; throws <see cref="DeviceTemplateException"/> naming every problem.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="source">The file name, for messages.</param>
    public static DeviceTemplate Parse(string json, string source)
    {
        DeviceTemplate? template;
        try
        {
            template = JsonSerializer.Deserialize<DeviceTemplate>(json, Options);
        }
        catch (JsonException ex)
        {
            throw new DeviceTemplateException(source, [$"{ex.Path ?? "$"}: {FirstSentence(ex.Message)}"]);
        }

        if (template is null)
        {
            throw new DeviceTemplateException(source, ["$: the file holds null"]);
        }

        var problems = DeviceTemplateValidator.Validate(template);
        return problems.Count > 0 ? throw new DeviceTemplateException(source, problems) : template;
    }

    public static DeviceTemplate LoadFile(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>The serializer options, for tests that write templates.</summary>
    public static JsonSerializerOptions SerializerOptions => Options;

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
