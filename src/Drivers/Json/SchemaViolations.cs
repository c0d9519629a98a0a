using System.Globalization;
using NJsonSchema.Validation;

namespace ChargeNet.Drivers.Json;

/// <summary>One violation of a JSON Schema: the JSON path of the value at fault and what is wrong with it.</summary>
public readonly record struct SchemaViolation(string Path, string Message);

/// <summary>
/// Turns NJsonSchema's error tree into the violations a person can act on: the innermost errors,
/// each at the JSON path ("$.chargers[2].maxCurrentA") of the value at fault, in words.
/// Shared by every document checked against a published schema (site.json, device templates).
/// </summary>
public static class SchemaViolations
{
    /// <summary>The distinct violations in <paramref name="errors"/>, in path order.</summary>
    public static IReadOnlyList<SchemaViolation> From(IEnumerable<ValidationError> errors)
    {
        var violations = new List<SchemaViolation>();
        foreach (var error in errors)
        {
            Collect(error, violations);
        }

        return [.. violations.Distinct().OrderBy(v => v.Path, StringComparer.Ordinal).ThenBy(v => v.Message, StringComparer.Ordinal)];
    }

    private static void Collect(ValidationError error, List<SchemaViolation> violations)
    {
        // "No type matched" and "a child schema failed" say less than the errors inside them
        // (a value allowed to be "object or null" that fails as an object, say).
        var inner = error switch
        {
            ChildSchemaValidationError child => child.Errors.Values.SelectMany(e => e).ToList(),
            MultiTypeValidationError multi => multi.Errors.Values.SelectMany(e => e).ToList(),
            _ => [],
        };
        if (inner.Count > 0)
        {
            inner.ForEach(e => Collect(e, violations));
            return;
        }

        violations.Add(new SchemaViolation(JsonPath(error), Describe(error)));
    }

    private static string JsonPath(ValidationError error)
    {
        var path = (error.Path ?? "#").TrimStart('#').Replace('/', '.').Trim('.');
        path = path.Length == 0 ? "$" : "$." + path;

        // A missing or unknown property is reported at its object; name the property itself.
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
            ValidationErrorKind.NumberTooSmall => schema?.ExclusiveMinimum is { } above
                ? $"must be above {Number(above)}"
                : $"must be at least {Number(schema?.Minimum)}",
            ValidationErrorKind.NumberTooBig => schema?.ExclusiveMaximum is { } below
                ? $"must be below {Number(below)}"
                : $"must be at most {Number(schema?.Maximum)}",
            ValidationErrorKind.StringTooShort => $"must have at least {Characters(schema?.MinLength)}",
            ValidationErrorKind.StringTooLong => $"must have at most {Characters(schema?.MaxLength)}",
            ValidationErrorKind.PatternMismatch => $"does not match the pattern {schema?.Pattern}",
            ValidationErrorKind.NotInEnumeration => "must be one of " + string.Join(", ", schema?.Enumeration.Select(v => v?.ToString() ?? "null") ?? []),
            ValidationErrorKind.IntegerExpected => "must be a whole number",
            ValidationErrorKind.NumberExpected => "must be a number",
            ValidationErrorKind.StringExpected => "must be a string",
            ValidationErrorKind.BooleanExpected => "must be true or false",
            ValidationErrorKind.ObjectExpected => "must be an object",
            ValidationErrorKind.ArrayExpected => "must be an array",
            ValidationErrorKind.NullExpected => "must be null",
            _ => $"is invalid ({error.Kind})",
        };
    }

    private static string Characters(int? count) => count == 1 ? "1 character" : $"{count} characters";

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "?";
}
