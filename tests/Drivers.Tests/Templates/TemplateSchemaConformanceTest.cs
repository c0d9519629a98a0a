using ChargeNet.Drivers.Templates;
using Microsoft.Extensions.Logging.Abstractions;
using NJsonSchema;

namespace ChargeNet.Drivers.Tests.Templates;

/// <summary>
/// Every template file is checked against docs/device-template.schema.json by a JSON Schema library
/// (NJsonSchema), both here against the published file and by the loader (which carries it built in).
/// </summary>
public sealed class TemplateSchemaConformanceTest
{
    private const string Minimal = "{\"id\":\"x\",\"kind\":\"meter\",\"manufacturer\":\"m\",\"model\":\"m\",\"source\":\"s\",\"registers\":{\"currentL1\":{\"address\":1,\"unit\":\"A\"}}}";

    public static TheoryData<string> BuiltInFiles() =>
        [.. Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "src", "Drivers", "Templates", "BuiltIn"), "*.json").Select(f => Path.GetFileName(f)!).Order()];

    [Theory]
    [MemberData(nameof(BuiltInFiles))]
    public async Task Each_built_in_template_conforms_to_the_published_schema(string file)
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RepositoryRoot(), "docs", "device-template.schema.json"));

        var errors = schema.Validate(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "src", "Drivers", "Templates", "BuiltIn", file)));

        Assert.Empty(errors.Select(e => $"{e.Path}: {e.Kind}"));
    }

    [Theory]
    [MemberData(nameof(BuiltInFiles))]
    public void Each_built_in_template_is_listed_in_the_guide(string file) =>
        Assert.Contains($"`{Path.GetFileNameWithoutExtension(file)}`", File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "devices.md")), StringComparison.Ordinal);

    [Fact]
    public async Task The_schema_the_loader_carries_is_the_published_one()
    {
        var published = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "device-template.schema.json"));
        await using var embedded = typeof(DeviceTemplateSchema).Assembly.GetManifestResourceStream("device-template.schema.json")!;
        using var reader = new StreamReader(embedded);

        Assert.Equal(published, await reader.ReadToEndAsync());
    }

    [Theory]
    [InlineData("\"manufacturer\":\"m\"", "\"manufacturer\":\"\"", "$.manufacturer: must have at least 1 character (schema)")]
    [InlineData("\"unit\":\"A\"}", "\"unit\":\"A\",\"shift\":40}", "$.registers.currentL1.shift: must be 0 to 31")]
    [InlineData("\"source\":\"s\",", "", "$.source: is required")]
    public void A_template_that_breaks_the_schema_is_refused_naming_the_path(string replace, string with, string expected)
    {
        Assert.Empty(DeviceTemplateSchema.BuiltIn.Validate(Minimal));

        var ex = Assert.Throws<DeviceTemplateException>(() => DeviceTemplateLoader.Parse(Minimal.Replace(replace, with, StringComparison.Ordinal), "installer.json"));

        Assert.Contains("installer.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains(ex.Problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void An_installers_template_that_breaks_the_schema_is_left_out_with_file_and_path_and_the_rest_load()
    {
        var dataDir = Directory.CreateTempSubdirectory("chargenet-templates");
        try
        {
            var folder = Directory.CreateDirectory(Path.Combine(dataDir.FullName, DeviceTemplateCatalog.FolderName));
            File.WriteAllText(Path.Combine(folder.FullName, "shifty.json"), Minimal.Replace("\"manufacturer\":\"m\"", "\"manufacturer\":\"\"", StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(folder.FullName, "garbage.json"), "{ not json");
            File.WriteAllText(Path.Combine(folder.FullName, "good.json"), Minimal.Replace("\"id\":\"x\"", "\"id\":\"good\"", StringComparison.Ordinal));

            var catalog = DeviceTemplateCatalog.Load(dataDir.FullName, NullLogger.Instance);

            Assert.Equal("good", catalog.Get("good").Id);
            Assert.Contains(catalog.Problems, p => p.Contains("shifty.json", StringComparison.Ordinal) && p.Contains("$.manufacturer: must have at least 1 character", StringComparison.Ordinal));
            Assert.Contains(catalog.Problems, p => p.Contains("garbage.json", StringComparison.Ordinal));
            Assert.False(catalog.TryGet("x", out _));
            Assert.True(catalog.TryGet("eastron-sdm630", out _));
        }
        finally
        {
            dataDir.Delete(recursive: true);
        }
    }

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
