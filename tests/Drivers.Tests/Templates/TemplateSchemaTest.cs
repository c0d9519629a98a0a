using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Templates;

namespace ChargeNet.Drivers.Tests.Templates;

/// <summary>Keeps docs/device-template.schema.json in step with the template model and loader.</summary>
public sealed class TemplateSchemaTest
{
    private static readonly JsonNode Schema = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "device-template.schema.json")))!;

    [Fact]
    public void The_schema_lists_exactly_the_units_the_loader_knows()
    {
        Assert.Equal(Units.Names.Order(), Enum("register", "unit").Order());
    }

    [Fact]
    public void The_schema_lists_exactly_the_data_types_states_and_keep_alive_methods_of_the_model()
    {
        Assert.Equal(JsonNames<RegisterDataType>(), Enum("register", "type").Order());
        Assert.Equal(JsonNames<RegisterFunction>(), Enum("register", "function").Order());
        Assert.Equal(JsonNames<ConnectorState>(), Schema["definitions"]!["state"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()).Order());
        Assert.Equal(JsonNames<KeepAliveMethod>(), Schema["definitions"]!["charger"]!["properties"]!["keepAlive"]!["properties"]!["method"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()).Order());
    }

    [Fact]
    public void The_schema_names_every_member_the_model_has()
    {
        var registerMembers = Schema["definitions"]!["register"]!["properties"]!.AsObject().Select(p => p.Key).Order();
        var modelMembers = JsonSerializer.SerializeToNode(new RegisterDefinition { Address = 1, Length = 1, Mask = 1, ScaleExponentRegister = "x", WriteFunction = 16, Description = "d" }, DeviceTemplateLoader.SerializerOptions)!
            .AsObject().Select(p => p.Key).Order();

        Assert.Equal(modelMembers, registerMembers);
    }

    private static IEnumerable<string> Enum(string definition, string property) =>
        Schema["definitions"]![definition]!["properties"]![property]!["enum"]!.AsArray().Select(n => n!.GetValue<string>());

    private static IOrderedEnumerable<string> JsonNames<T>()
        where T : struct, Enum =>
        System.Enum.GetValues<T>().Select(v => JsonSerializer.Serialize(v, DeviceTemplateLoader.SerializerOptions).Trim('"')).Order();

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChargeNet.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ChargeNet.sln not found");
    }
}
