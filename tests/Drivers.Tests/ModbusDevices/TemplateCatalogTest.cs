using ChargeNet.Drivers.Templates;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeNet.Drivers.Tests.ModbusDevices;

public sealed class TemplateCatalogTest
{
    [Fact]
    public void Every_built_in_template_loads_without_a_problem()
    {
        Assert.Empty(BuiltInTemplates.Catalog.Problems);
        Assert.Contains(BuiltInTemplates.Catalog.Templates, t => t.Id == "eastron-sdm630");
        Assert.Contains(BuiltInTemplates.Catalog.Templates, t => t.Id == "alfen-ng9xx");
    }

    [Fact]
    public void A_template_in_the_data_directory_adds_a_model_and_a_bad_one_is_left_out_with_its_reason()
    {
        var dataDir = Directory.CreateTempSubdirectory("chargenet-templates");
        try
        {
            var folder = Directory.CreateDirectory(Path.Combine(dataDir.FullName, DeviceTemplateCatalog.FolderName));
            var sdm = File.ReadAllText(Path.Combine(DeviceTemplateCatalog.BuiltInDirectory, "eastron-sdm630.json"));
            File.WriteAllText(Path.Combine(folder.FullName, "site-meter.json"), sdm.Replace("\"eastron-sdm630\"", "\"site-meter\"", StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(folder.FullName, "broken.json"), sdm.Replace("\"unit\": \"A\"", "\"unit\": \"amps\"", StringComparison.Ordinal));

            var catalog = DeviceTemplateCatalog.Load(dataDir.FullName, NullLogger.Instance);

            Assert.Equal("Eastron", catalog.Get("site-meter").Manufacturer);
            var problem = Assert.Single(catalog.Problems);
            Assert.Contains("broken.json", problem, StringComparison.Ordinal);
            Assert.Contains("$.registers.currentL1.unit: 'amps' is not one of", problem, StringComparison.Ordinal);
        }
        finally
        {
            dataDir.Delete(recursive: true);
        }
    }

    [Fact]
    public void An_unknown_template_id_names_the_known_ones()
    {
        var ex = Assert.Throws<DeviceTemplateException>(() => BuiltInTemplates.Catalog.Get("no-such-meter"));

        Assert.Contains("eastron-sdm630", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"id\":\"x\",\"kind\":\"meter\"}", "$: ")]
    [InlineData("{\"id\":\"x\",\"kind\":\"meter\",\"manufacturer\":\"m\",\"model\":\"m\",\"source\":\"s\",\"registers\":{},\"colour\":1}", "colour")]
    [InlineData("{\"id\":\"x\",\"kind\":\"meter\",\"manufacturer\":\"m\",\"model\":\"m\",\"source\":\"s\",\"registers\":{}}", "$.registers.currentL1: a meter must give at least the current of L1")]
    [InlineData("{\"id\":\"X!\",\"kind\":\"meter\",\"manufacturer\":\"m\",\"model\":\"m\",\"source\":\"s\",\"registers\":{\"currentL1\":{\"address\":70000},\"curentL2\":{\"address\":1}}}", "$.id: 'X!'")]
    [InlineData("{\"id\":\"x\",\"kind\":\"meter\",\"manufacturer\":\"m\",\"model\":\"m\",\"source\":\"s\",\"registers\":{\"currentL1\":{\"address\":1,\"type\":\"float16\"}}}", "$.registers.currentL1.type")]
    public void A_bad_template_is_refused_naming_the_problem_by_path(string json, string expected)
    {
        var ex = Assert.Throws<DeviceTemplateException>(() => DeviceTemplateLoader.Parse(json, "test.json"));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_of_a_template_is_listed_at_once()
    {
        const string json = "{\"id\":\"X!\",\"kind\":\"meter\",\"manufacturer\":\"m\",\"model\":\"m\",\"source\":\"s\",\"registers\":{\"currentL1\":{\"address\":70000},\"curentL2\":{\"address\":1}}}";

        var ex = Assert.Throws<DeviceTemplateException>(() => DeviceTemplateLoader.Parse(json, "test.json"));

        Assert.Contains(ex.Problems, p => p.StartsWith("$.registers.currentL1.address", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("$.registers.curentL2: 'curentL2' is neither", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("$.id: 'X!'", StringComparison.Ordinal));
    }
}
