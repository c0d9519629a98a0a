using System.Text.Json;

namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>
/// Reads a site.json document: first against the published schema, then into the model, then
/// through the cross-field rules — and reports everything it found, each by its JSON path.
/// </summary>
public sealed class SiteConfigurationReader
{
    private readonly SiteSchemaValidator _schema;
    private readonly SiteConfigurationValidator _rules;

    public SiteConfigurationReader(SiteSchemaValidator schema, SiteConfigurationValidator rules)
    {
        _schema = schema;
        _rules = rules;
    }

    public SiteConfigurationParseResult Read(string json)
    {
        IReadOnlyList<ConfigurationProblem> schemaProblems;
        try
        {
            schemaProblems = _schema.Validate(json);
        }
        catch (Newtonsoft.Json.JsonReaderException ex)
        {
            return new(null, [new ConfigurationProblem(
                "$",
                $"is not valid JSON (line {ex.LineNumber}, position {ex.LinePosition}): {FirstSentence(ex.Message)}")]);
        }

        SiteConfiguration? site;
        try
        {
            site = JsonSerializer.Deserialize(json, SiteConfigurationJsonContext.Default.SiteConfiguration);
        }
        catch (JsonException ex)
        {
            // The schema has already named what is wrong; this only adds a problem it missed.
            return new(null, schemaProblems.Count > 0
                ? schemaProblems
                : [new ConfigurationProblem(ex.Path ?? "$", FirstSentence(ex.Message))]);
        }

        if (site is null)
        {
            return new(null, [new ConfigurationProblem("$", "must be an object, not null")]);
        }

        var problems = schemaProblems.Concat(_rules.Validate(site))
            .DistinctBy(p => (p.Path, p.Message))
            .ToList();
        return new(site, problems);
    }

    public static string Write(SiteConfiguration site) =>
        JsonSerializer.Serialize(site, SiteConfigurationJsonContext.Default.SiteConfiguration);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }
}
