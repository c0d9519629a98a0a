using ChargeNet.Drivers.Json;
using NJsonSchema;

namespace ChargeNet.Drivers.Templates;

/// <summary>
/// docs/device-template.schema.json, built into the assembly: every template file, built-in or an
/// installer's, is checked against it before use, each violation named by its JSON path.
/// </summary>
public sealed class DeviceTemplateSchema
{
    private const string ResourceName = "device-template.schema.json";

    // Parsed once: the schema is a constant of the build, never changed after loading.
    private static readonly Lazy<DeviceTemplateSchema> Embedded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly JsonSchema _schema;

    private DeviceTemplateSchema(JsonSchema schema)
    {
        _schema = schema;
    }

    /// <summary>The schema this build carries.</summary>
    public static DeviceTemplateSchema BuiltIn => Embedded.Value;

    /// <summary>Every violation of <paramref name="json"/> as "$.path: what is wrong (schema)", in path order; empty when it conforms.</summary>
    public IReadOnlyList<string> Validate(string json) =>
        [.. SchemaViolations.From(_schema.Validate(json)).Select(v => $"{v.Path}: {v.Message} (schema)")];

    private static DeviceTemplateSchema Load()
    {
        using var stream = typeof(DeviceTemplateSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);

        // No external references: parsing completes without waiting on anything.
        // A document path makes NJsonSchema resolve the "#/$defs/…" references inside $defs too.
        var path = Path.Combine(AppContext.BaseDirectory, ResourceName);
        return new DeviceTemplateSchema(JsonSchema.FromJsonAsync(reader.ReadToEnd(), path).GetAwaiter().GetResult());
    }
}
