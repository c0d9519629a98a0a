using System.Globalization;
using NJsonSchema;
using NJsonSchema.Validation;

namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>
/// Checks a site.json document against the published schema (docs/site.schema.json, embedded)
/// and reports every violation at once, each by its JSON path.
/// </summary>
public sealed class SiteSchemaValidator
{
    private readonly JsonSchema _schema;

    private SiteSchemaValidator(JsonSchema schema)
    {
        _schema = schema;
    }

    public static async Task<SiteSchemaValidator> LoadAsync(CancellationToken cancellationToken)
    {
        await using var stream = typeof(SiteSchemaValidator).Assembly.GetManifestResourceStream("site.schema.json")
            ?? throw new InvalidOperationException("The embedded site.schema.json is missing from the build.");
        using var reader = new StreamReader(stream);
        var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        return new SiteSchemaValidator(await JsonSchema.FromJsonAsync(text, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Every schema violation of <paramref name="json"/>, in document order.</summary>
    public IReadOnlyList<ConfigurationProblem> Validate(string json)
    {
        var problems = new List<ConfigurationProblem>();
        foreach (var error in _schema.Validate(json))
        {
            Collect(error, problems);
        }

        return problems
            .Distinct()
            .OrderBy(p => p.Path, StringComparer.Ordinal)
            .ToList();
    }

    private static void Collect(ValidationError error, List<ConfigurationProblem> problems)
    {
        // A value allowed to be "object or null" that fails as an object reports its inner errors;
        // those say more than "no type matched".
        if (error is MultiTypeValidationError multi)
        {
            var inner = multi.Errors.Values.SelectMany(e => e).ToList();
            if (inner.Count > 0)
            {
                inner.ForEach(e => Collect(e, problems));
                return;
            }
        }

        if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
        {
            foreach (var e in child.Errors.Values.SelectMany(e => e))
            {
                Collect(e, problems);
            }

            return;
        }

        problems.Add(new ConfigurationProblem(ToJsonPath(error), Describe(error)));
    }

    private static string ToJsonPath(ValidationError error)
    {
        var path = error.Path ?? "#";
        path = path.StartsWith('#') ? "$" + path[1..] : "$." + path;
        path = path.Replace("$/", "$.", StringComparison.Ordinal).Replace('/', '.');

        // A missing or unknown property is reported at the object; name the property itself.
        if (error.Kind is ValidationErrorKind.PropertyRequired or ValidationErrorKind.NoAdditionalPropertiesAllowed
            && error.Property is { Length: > 0 } property && !path.EndsWith("." + property, StringComparison.Ordinal))
        {
            path += "." + property;
        }

        return path;
    }

    private static string Describe(ValidationError error)
    {
        var schema = error.Schema;
        return error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => "is required",
            ValidationErrorKind.NoAdditionalPropertiesAllowed => "is not a known field",
            ValidationErrorKind.NumberTooSmall => schema?.ExclusiveMinimum is { } ex
                ? $"must be above {Format(ex)}"
                : $"must be at least {Format(schema?.Minimum)}",
            ValidationErrorKind.NumberTooBig => schema?.ExclusiveMaximum is { } ex
                ? $"must be below {Format(ex)}"
                : $"must be at most {Format(schema?.Maximum)}",
            ValidationErrorKind.StringTooShort => $"must have at least {schema?.MinLength} characters",
            ValidationErrorKind.StringTooLong => $"must have at most {schema?.MaxLength} characters",
            ValidationErrorKind.PatternMismatch => $"has characters that are not allowed (pattern {schema?.Pattern})",
            ValidationErrorKind.NotInEnumeration => "must be one of " + string.Join(", ", schema?.Enumeration.Select(v => v?.ToString() ?? "null") ?? []),
            ValidationErrorKind.IntegerExpected => "must be a whole number",
            ValidationErrorKind.NumberExpected => "must be a number",
            ValidationErrorKind.StringExpected => "must be a string",
            ValidationErrorKind.BooleanExpected => "must be true or false",
            ValidationErrorKind.ObjectExpected => "must be an object",
            ValidationErrorKind.ArrayExpected => "must be an array",
            ValidationErrorKind.NullExpected => "must be null",
            _ => "is invalid (" + error.Kind + ")",
        };
    }

    private static string Format(decimal? value) =>
        value?.ToString(CultureInfo.InvariantCulture) ?? "?";
}
