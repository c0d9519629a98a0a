using System.Reflection;
using System.Text.Json;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Demo;

namespace ChargeNet.EdgeAgent.Tests.Configuration;

/// <summary>docs/site.schema.json and the C# model describe the same document, at every level.</summary>
public sealed class SchemaModelAgreementTests
{
    [Fact]
    public void Every_property_of_the_model_is_in_the_schema_and_every_property_of_the_schema_is_in_the_model()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(SchemaPath));
        var differences = new List<string>();

        Compare(typeof(SiteConfiguration), schema.RootElement, schema.RootElement, "$", differences);

        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Fact]
    public void The_walk_sees_a_property_that_only_one_side_has()
    {
        // The comparison itself must be able to fail: a schema with properties renamed at the second
        // level and in a shared definition three levels down (a modbus address in a list).
        var text = File.ReadAllText(SchemaPath)
            .Replace("\"telemetryIntervalS\"", "\"telemetryPeriodS\"", StringComparison.Ordinal)
            .Replace("\"stopBits\"", "\"stopBit\"", StringComparison.Ordinal);
        using var schema = JsonDocument.Parse(text);
        var differences = new List<string>();

        Compare(typeof(SiteConfiguration), schema.RootElement, schema.RootElement, "$", differences);

        Assert.Equal(
            [
                "$.chargers[].modbus.stopBit: in the schema, not in the model (ModbusEndpointSettings)",
                "$.chargers[].modbus.stopBits: in the model (ModbusEndpointSettings), not in the schema",
                "$.cloud.telemetryIntervalS: in the model (CloudSettings), not in the schema",
                "$.cloud.telemetryPeriodS: in the schema, not in the model (CloudSettings)",
                "$.meters[].modbus.stopBit: in the schema, not in the model (ModbusEndpointSettings)",
                "$.meters[].modbus.stopBits: in the model (ModbusEndpointSettings), not in the schema",
            ],
            differences.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_demo_configuration_as_written_is_valid_against_the_schema_and_the_rules()
    {
        var json = SiteConfigurationReader.Write(DemoSiteConfiguration.Create());
        var schema = await SiteSchemaValidator.LoadAsync(CancellationToken.None);

        Assert.Empty(schema.Validate(json));
        var result = (await SiteDocuments.CreateReaderAsync()).Read(json);
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.Equal(SiteConfigurationReader.Write(DemoSiteConfiguration.Create()), SiteConfigurationReader.Write(result.Configuration!));
    }

    [Fact]
    public async Task The_daemon_validates_with_the_published_schema_file()
    {
        // The embedded schema is docs/site.schema.json itself: an unknown field at the root is refused.
        var schema = await SiteSchemaValidator.LoadAsync(CancellationToken.None);
        var problems = schema.Validate(SiteDocuments.ContractExample.Replace("\"siteId\"", "\"colour\": 1, \"siteId\"", StringComparison.Ordinal));

        Assert.Equal(["$.colour"], problems.Select(p => p.Path));
    }

    private static string SchemaPath
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChargeNet.sln")))
            {
                dir = dir.Parent;
            }

            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), "docs", "site.schema.json");
        }
    }

    private static void Compare(Type model, JsonElement schemaNode, JsonElement root, string path, List<string> differences)
    {
        var schemaProperties = Resolve(schemaNode, root).TryGetProperty("properties", out var props)
            ? props.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal)
            : [];
        var modelProperties = model.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is not null && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), StringComparer.Ordinal);

        foreach (var name in modelProperties.Keys.Except(schemaProperties.Keys).Order())
        {
            differences.Add($"{path}.{name}: in the model ({model.Name}), not in the schema");
        }

        foreach (var name in schemaProperties.Keys.Except(modelProperties.Keys).Order())
        {
            differences.Add($"{path}.{name}: in the schema, not in the model ({model.Name})");
        }

        foreach (var (name, property) in modelProperties)
        {
            if (!schemaProperties.TryGetValue(name, out var propertySchema))
            {
                continue;
            }

            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var itemType = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;
            if (itemType is not null && IsModelType(itemType))
            {
                if (Resolve(propertySchema, root).TryGetProperty("items", out var items))
                {
                    Compare(itemType, items, root, $"{path}.{name}[]", differences);
                }
                else
                {
                    differences.Add($"{path}.{name}: a list in the model, no items in the schema");
                }
            }
            else if (IsModelType(type))
            {
                Compare(type, propertySchema, root, $"{path}.{name}", differences);
            }
        }
    }

    private static bool IsModelType(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace == typeof(SiteConfiguration).Namespace;

    private static JsonElement Resolve(JsonElement node, JsonElement root)
    {
        while (node.TryGetProperty("$ref", out var reference))
        {
            var target = root;
            foreach (var part in reference.GetString()!.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                target = target.GetProperty(part);
            }

            node = target;
        }

        return node;
    }
}
