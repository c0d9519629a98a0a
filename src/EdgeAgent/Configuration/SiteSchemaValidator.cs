using ChargeNet.Drivers.Json;
using NJsonSchema;

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

    /// <summary>Every schema violation of <paramref name="json"/>, in path order.</summary>
    public IReadOnlyList<ConfigurationProblem> Validate(string json) =>
        [.. SchemaViolations.From(_schema.Validate(json)).Select(v => new ConfigurationProblem(v.Path, v.Message))];
}
