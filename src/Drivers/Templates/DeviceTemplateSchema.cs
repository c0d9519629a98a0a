using System.Globalization;
using NJsonSchema;
using NJsonSchema.Validation;

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

    /// <summary>Every violation of <paramref name="json"/> as "$.path: what is wrong", in path order; empty when it conforms.</summary>
    public IReadOnlyList<string> Validate(string json)
    {
        var problems = new List<string>();
        foreach (var error in _schema.Validate(json))
        {
            Collect(error, problems);
        }

        return [.. problems.Distinct().Order(StringComparer.Ordinal)];
    }

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

    private static void Collect(ValidationError error, List<string> problems)
    {
        var inner = error switch
        {
            ChildSchemaValidationError child => child.Errors.Values.SelectMany(e => e).ToList(),
            MultiTypeValidationError multi => multi.Errors.Values.SelectMany(e => e).ToList(),
            _ => [],
        };
        if (inner.Count > 0)
        {
            inner.ForEach(e => Collect(e, problems));
            return;
        }

        problems.Add($"{JsonPath(error)}: {Describe(error)} (schema)");
    }

    private static string JsonPath(ValidationError error)
    {
        var path = (error.Path ?? "#").TrimStart('#').Replace('/', '.').Trim('.');
        path = path.Length == 0 ? "$" : "$." + path;
        if (error.Kind is ValidationErrorKind.PropertyRequired or ValidationErrorKind.NoAdditionalPropertiesAllowed
            && error.Property is { Length: > 0 } property && !path.EndsWith("." + property, StringComparison.Ordinal))
        {
            path += "." + property;
        }

        return path;
    }

    private static string Describe(ValidationError error) => error.Kind switch
    {
        ValidationErrorKind.PropertyRequired => "is required",
        ValidationErrorKind.NoAdditionalPropertiesAllowed => "is not a known member",
        ValidationErrorKind.NumberTooSmall => $"must be at least {Number(error.Schema?.Minimum)}",
        ValidationErrorKind.NumberTooBig => $"must be at most {Number(error.Schema?.Maximum)}",
        ValidationErrorKind.StringTooShort => $"must have at least {error.Schema?.MinLength} character{(error.Schema?.MinLength == 1 ? "" : "s")}",
        ValidationErrorKind.PatternMismatch => $"does not match the pattern {error.Schema?.Pattern}",
        ValidationErrorKind.NotInEnumeration => "must be one of " + string.Join(", ", error.Schema?.Enumeration.Select(v => v?.ToString() ?? "null") ?? []),
        _ => $"is invalid ({error.Kind})",
    };

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "?";
}
