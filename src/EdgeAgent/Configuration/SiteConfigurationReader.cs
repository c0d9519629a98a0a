using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>
/// Reads a site.json document: first against the published schema, then into the model, then
/// through the cross-field rules — and reports everything it found, each by its JSON path.
/// </summary>
public sealed partial class SiteConfigurationReader
{
    // Reading goes through reflection, not the source-generated context: that one sets every
    // init-only property the document leaves out to default(T) (dotnet/runtime#84484), so a
    // charger without "phases" would get 0 phases and a missing "meters" would be null.
    private static readonly JsonSerializerOptions ReadOptions = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
    };

    // How many values of the wrong type (or unknown fields) are set aside to still check the rest.
    private const int MaxUnreadableValues = 100;

    private readonly SiteSchemaValidator _schema;
    private readonly SiteConfigurationValidator _rules;

    public SiteConfigurationReader(SiteSchemaValidator schema, SiteConfigurationValidator rules)
    {
        _schema = schema;
        _rules = rules;
    }

    /// <summary>
    /// Reads a site.json document, or one part of it (a <c>grid.powerTariff</c> fragment, …), as the
    /// daemon reads site.json: a field left out takes its default. No checks: for text the daemon
    /// wrote itself (a stored revision), or that the caller checks by the part's rules.
    /// </summary>
    /// <exception cref="JsonException">The text is not JSON of that part's shape.</exception>
    public static T? ReadPart<T>(string json) => JsonSerializer.Deserialize<T>(json, ReadOptions);

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
        var unreadable = new List<string>();
        try
        {
            site = JsonSerializer.Deserialize<SiteConfiguration>(json, ReadOptions);
        }
        catch (JsonException ex)
        {
            if (schemaProblems.Count == 0)
            {
                return new(null, [new ConfigurationProblem(ex.Path ?? "$", FirstSentence(ex.Message))]);
            }

            // The schema has named what is wrong; set those values aside so that the rules still
            // check the rest, and every problem is reported at once.
            site = ReadWhatCanBeRead(json, ex, unreadable);
            if (site is null)
            {
                return new(null, schemaProblems);
            }
        }

        if (site is null)
        {
            return new(null, [new ConfigurationProblem("$", "must be an object, not null")]);
        }

        var rules = _rules.Validate(site).Where(p => !unreadable.Any(u => IsAtOrBelow(p.Path, u)));
        var problems = schemaProblems.Concat(rules)
            .DistinctBy(p => (p.Path, p.Message))
            .ToList();
        return new(unreadable.Count == 0 ? site : null, problems);
    }

    public static string Write(SiteConfiguration site) =>
        JsonSerializer.Serialize(site, SiteConfigurationJsonContext.Default.SiteConfiguration);

    private static SiteConfiguration? ReadWhatCanBeRead(string json, JsonException first, List<string> unreadable)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null; // Text the schema's parser took and this one does not (a comment): the schema's problems stand.
        }

        var error = first;
        for (var attempt = 0; attempt < MaxUnreadableValues; attempt++)
        {
            if (root is null || error.Path is not { } path || !TryRemove(root, path))
            {
                return null;
            }

            unreadable.Add(path);
            try
            {
                return root.Deserialize<SiteConfiguration>(ReadOptions);
            }
            catch (JsonException next)
            {
                error = next;
            }
        }

        return null;
    }

    /// <summary>Removes the property at <paramref name="path"/> (<c>$.chargers[6].maxCurrentA</c>); false when it is not a property.</summary>
    private static bool TryRemove(JsonNode root, string path)
    {
        var steps = PathStep().Matches(path).ToList();
        if (steps.Count == 0 || steps.Sum(m => m.Length) != path.Length - 1 || !steps[^1].Groups["name"].Success)
        {
            return false;
        }

        JsonNode? node = root;
        foreach (var step in steps.SkipLast(1))
        {
            node = step.Groups["name"].Success
                ? (node as JsonObject)?[step.Groups["name"].Value]
                : node is JsonArray array && int.TryParse(step.Groups["index"].Value, out var i) && i < array.Count ? array[i] : null;
        }

        return node is JsonObject parent && parent.Remove(steps[^1].Groups["name"].Value);
    }

    private static bool IsAtOrBelow(string path, string ancestor) =>
        path == ancestor
        || path.StartsWith(ancestor + ".", StringComparison.Ordinal)
        || path.StartsWith(ancestor + "[", StringComparison.Ordinal);

    [GeneratedRegex(@"\.(?<name>[A-Za-z0-9_]+)|\[(?<index>[0-9]+)\]")]
    private static partial Regex PathStep();

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }
}
