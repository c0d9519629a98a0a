using System.Collections.Frozen;
using System.Text.Json;
using ChargeNet.Drivers.Ocpp.Framing;
using NJsonSchema;
using NJsonSchema.Validation;

namespace ChargeNet.Drivers.Ocpp.Validation;

/// <summary>
/// Validates one OCPP version's payloads against its official JSON schemas embedded in this
/// assembly (Schemas/README.md; one folder per version, named as its subprotocol) and turns the
/// first violation into the CALLERROR code OCPP-J 1.6 section 4.2.3 names for it. Immutable once
/// loaded; one instance per version serves every connection.
/// </summary>
public sealed class OcppSchemaValidator
{
    private readonly FrozenDictionary<string, JsonSchema> _schemas;

    private OcppSchemaValidator(FrozenDictionary<string, JsonSchema> schemas)
    {
        _schemas = schemas;
    }

    /// <summary>Loads every embedded schema of <paramref name="version"/>.</summary>
    public static async Task<OcppSchemaValidator> LoadAsync(OcppVersion version, CancellationToken cancellationToken)
    {
        var folder = OcppSubProtocol.Of(version) + "/";
        var assembly = typeof(OcppSchemaValidator).Assembly;
        var schemas = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(folder, StringComparison.Ordinal) || !name.EndsWith(".json", StringComparison.Ordinal))
            {
                continue;
            }

            await using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            var schema = await JsonSchema.FromJsonAsync(text, cancellationToken).ConfigureAwait(false);
            schemas[name[folder.Length..^".json".Length]] = schema;
        }

        return new OcppSchemaValidator(schemas.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>True when the schemas know this action (in either direction).</summary>
    public bool KnowsAction(string action) => _schemas.ContainsKey(action + ".req");

    /// <summary>
    /// Validates a request (<paramref name="isRequest"/>) or a confirmation payload of
    /// <paramref name="action"/>; returns null when it is valid, else the error code and a
    /// description that names the offending field.
    /// </summary>
    public OcppValidationError? Validate(string action, bool isRequest, JsonElement payload)
    {
        if (!_schemas.TryGetValue(action + (isRequest ? ".req" : ".conf"), out var schema))
        {
            return new OcppValidationError(OcppErrorCode.NotImplemented, $"Unknown action '{action}'.");
        }

        var errors = schema.Validate(payload.GetRawText());
        if (errors.Count == 0)
        {
            return null;
        }

        var all = Flatten(errors).ToList();
        var worst = all.OrderBy(e => Rank(CodeFor(e.Kind))).First();
        var description = string.Join("; ", all.Take(5).Select(Describe));
        return new OcppValidationError(CodeFor(worst.Kind), $"{action}: {description}");
    }

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                foreach (var inner in Flatten(child.Errors.SelectMany(e => e.Value)))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return error;
            }
        }
    }

    private static string Describe(ValidationError error)
    {
        var where = string.IsNullOrEmpty(error.Path) ? "#" : error.Path;
        return error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => $"required field '{error.Property}' is missing ({where})",
            ValidationErrorKind.NoAdditionalPropertiesAllowed => $"field '{error.Property}' is not defined for this message ({where})",
            _ => $"{error.Kind} at {where}",
        };
    }

    /// <summary>
    /// OCPP-J 1.6 section 4.2.3: a wrong JSON type is a TypeConstraintViolation, a missing field or
    /// a wrong number of items an OccurenceConstraintViolation, a field the PDU does not have a
    /// FormationViolation, and a value outside its constraints (enumeration, length, range,
    /// date-time format) a PropertyConstraintViolation.
    /// </summary>
    private static string CodeFor(ValidationErrorKind kind) => kind switch
    {
        ValidationErrorKind.StringExpected or ValidationErrorKind.NumberExpected or ValidationErrorKind.IntegerExpected
            or ValidationErrorKind.BooleanExpected or ValidationErrorKind.ObjectExpected or ValidationErrorKind.ArrayExpected
            or ValidationErrorKind.NullExpected or ValidationErrorKind.NoTypeValidates => OcppErrorCode.TypeConstraintViolation,
        ValidationErrorKind.PropertyRequired or ValidationErrorKind.TooManyItems or ValidationErrorKind.TooFewItems
            or ValidationErrorKind.TooManyProperties or ValidationErrorKind.TooFewProperties => OcppErrorCode.OccurenceConstraintViolation,
        ValidationErrorKind.NoAdditionalPropertiesAllowed or ValidationErrorKind.AdditionalPropertiesNotValid => OcppErrorCode.FormationViolation,
        _ => OcppErrorCode.PropertyConstraintViolation,
    };

    private static int Rank(string code) => code switch
    {
        OcppErrorCode.FormationViolation => 0,
        OcppErrorCode.TypeConstraintViolation => 1,
        OcppErrorCode.OccurenceConstraintViolation => 2,
        _ => 3,
    };
}
